// `first-frame JOURNAL|ADDRESS [--width 200] [--height 60]`: what the dashboard does before its
// first whole frame, in one process: follow the journal (a file, or an incident in a store) from
// the first line, fold every update as the loop does until the follower has caught up, then
// render the frame. Prints the time, and the process's peak memory beside the journal's size.
import Foundation
import IncidentCore
import JournalPostgres
import SitrepTUI

func benchmarkFirstFrame(_ arguments: Arguments) throws {
    let store: any JournalStore
    let size: Int64?
    if JournalAddress.isStore(arguments.journal) {
        let address = try PostgresAddress.parse(arguments.journal)
        store = PostgresJournal(address: address, connector: StoreConnector(address: address))
        size = nil
    } else {
        store = FileJournal(path: arguments.journal)
        size = (try? FileManager.default.attributesOfItem(atPath: arguments.journal)[.size] as? Int64) ?? nil
    }
    let frame = try timeFirstFrame(of: store, arguments)
    let peak = peakResidentKilobytes()
    print("journal        \(arguments.journal): \(frame.events) events, \(frame.entries) timeline entries")
    print("first frame    \(String(format: "%.0f", frame.milliseconds)) ms (target <= 400 ms)")
    let sizeText = size.map { ", journal \(String(format: "%.0f", Double($0) / 1e6)) MB" } ?? ""
    print("peak memory    \(String(format: "%.0f", Double(peak) * 1024 / 1e6)) MB\(sizeText)")
}

/// From following the first line to the first whole frame, as the live dashboard gets there.
func timeFirstFrame(of store: any JournalStore, _ arguments: Arguments) throws -> (milliseconds: Double, events: Int, entries: Int) {
    let start = ContinuousClock.now
    let controller = DashboardController(store: store, settings: DashboardSettings(actor: "bench"))
    let follower = try store.follow()
    repeat {
        controller.ingest(follower.readAvailable())
    } while follower.isBehind
    controller.noteLayout(width: arguments.width, height: arguments.height)
    let screen = DashboardView.render(controller.frame(now: .now()), width: arguments.width, height: arguments.height)
    let elapsed = milliseconds(start, ContinuousClock.now)
    precondition(screen.width == arguments.width)
    return (elapsed, controller.state.eventCount, controller.state.timeline.count)
}

/// VmHWM from /proc/self/status, in KiB.
func peakResidentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
    return 0
}
