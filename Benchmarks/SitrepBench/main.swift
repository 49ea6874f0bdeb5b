// sitrep-bench: figures for what cannot be timed from outside a process.
//
//   swift run -c release --disable-default-traits sitrep-bench frame [JOURNAL] [--width 200] [--height 60] [--frames 300]
//   swift run -c release --disable-default-traits sitrep-bench seek JOURNAL [--frames 200]
//   swift run -c release --disable-default-traits sitrep-bench append-pg postgresql://USER@HOST:PORT/DB#INCIDENT [--frames 2000]
//   swift run -c release --disable-default-traits sitrep-bench follow postgresql://USER@HOST:PORT/DATABASE [--appends 300]
//   swift run -c release --disable-default-traits sitrep-bench follow-load postgresql://USER@HOST:PORT/DATABASE [--lines 1000000] [--from JOURNAL]
//   swift run -c release --disable-default-traits sitrep-bench first-frame JOURNAL|postgresql://USER@HOST:PORT/DATABASE#INCIDENT
//   swift run -c release --disable-default-traits sitrep-bench keys JOURNAL
//
// `frame` folds the journal (default: examples/seed-outage.jsonl), then renders the live
// dashboard into a screen buffer again and again, as the loop does on every change, and prints
// the time per frame. The ncurses diff that follows (only changed cells are sent) is not counted.
import IncidentCore
import SitrepTUI

struct Arguments {
    var command = "frame"
    var journal = "examples/seed-outage.jsonl"
    var width = 200
    var height = 60
    var frames = 300
    var appends = 300
    var lines = 1_000_000
    var from: String?
    var until: String?

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        if let first = rest.first, !first.hasPrefix("-") { command = first; rest = rest.dropFirst() }
        while let argument = rest.popFirst() {
            switch argument {
            case "--width": width = Int(rest.popFirst() ?? "") ?? width
            case "--height": height = Int(rest.popFirst() ?? "") ?? height
            case "--frames": frames = Int(rest.popFirst() ?? "") ?? frames
            case "--appends": appends = Int(rest.popFirst() ?? "") ?? appends
            case "--lines": lines = Int(rest.popFirst() ?? "") ?? lines
            case "--from": from = rest.popFirst()
            case "--until": until = rest.popFirst()
            default: journal = argument
            }
        }
    }
}

func milliseconds(_ start: ContinuousClock.Instant, _ end: ContinuousClock.Instant) -> Double {
    let elapsed = (end - start).components
    return Double(elapsed.seconds) * 1_000 + Double(elapsed.attoseconds) / 1e15
}

func benchmarkFrames(_ arguments: Arguments) throws {
    let store = FileJournal(path: arguments.journal)
    let loadStart = ContinuousClock.now
    let controller = DashboardController(store: store, settings: DashboardSettings(actor: "bench"))
    let follower = try store.follow()
    controller.ingest(follower.readAvailable())
    let loaded = ContinuousClock.now
    controller.noteLayout(width: arguments.width, height: arguments.height)

    var samples: [Double] = []
    let now = Timestamp.now()
    for frame in 0..<arguments.frames {
        // Alternate between following the newest entries and scrolling back, as a user would.
        controller.handle(frame % 2 == 0 ? .pageUp : .character("G"))
        let start = ContinuousClock.now
        let screen = DashboardView.render(controller.frame(now: now), width: arguments.width, height: arguments.height)
        samples.append(milliseconds(start, ContinuousClock.now))
        precondition(screen.width == arguments.width)
    }
    samples.sort()
    let mean = samples.reduce(0, +) / Double(samples.count)
    print("journal        \(arguments.journal): \(controller.state.eventCount) events, \(controller.state.timeline.count) timeline entries")
    print("load and fold  \(String(format: "%.1f", milliseconds(loadStart, loaded))) ms")
    print("frame \(arguments.width)x\(arguments.height)  mean \(String(format: "%.3f", mean)) ms, p50 \(String(format: "%.3f", samples[samples.count / 2])) ms, p99 \(String(format: "%.3f", samples[samples.count * 99 / 100])) ms over \(samples.count) frames")
}

/// Replay: index and fold the journal once, then jump to random moments; each seek restores a
/// checkpoint, folds the events after it and renders the screen, as pressing `t` or `g`/`G` does.
func benchmarkSeeks(_ arguments: Arguments) throws {
    let loadStart = ContinuousClock.now
    let recording = try ReplayRecording(path: arguments.journal)
    let loaded = ContinuousClock.now
    guard let start = recording.start, let end = recording.end else { print("no events"); return }
    let session = ReplaySession(recording: recording, speed: 60,
                                from: nil, paused: true, skipsQuietStretches: true)
    var generator = SystemRandomNumberGenerator()
    var samples: [Double] = []
    for _ in 0..<arguments.frames {
        let moment = Timestamp(microseconds: Int64.random(in: start.microseconds...end.microseconds, using: &generator))
        let begin = ContinuousClock.now
        _ = session.seek(typed: RFC3339.format(moment))
        let frame = session.frame()
        _ = DashboardView.render(frame, width: arguments.width, height: arguments.height)
        samples.append(milliseconds(begin, ContinuousClock.now))
    }
    samples.sort()
    print("journal        \(arguments.journal): \(recording.eventCount) events, \(recording.timeline.count) timeline entries")
    print("first load     \(String(format: "%.0f", milliseconds(loadStart, loaded))) ms (index, fold, checkpoints every \(2048) events)")
    print("seek + draw    p50 \(String(format: "%.2f", samples[samples.count / 2])) ms, p99 \(String(format: "%.2f", samples[samples.count * 99 / 100])) ms, max \(String(format: "%.2f", samples.last!)) ms over \(samples.count) random seeks (target < 50 ms)")
}

let arguments = Arguments(CommandLine.arguments)
switch arguments.command {
case "frame":
    do { try benchmarkFrames(arguments) } catch { print("sitrep-bench: \(error)"); exit(1) }
case "seek":
    do { try benchmarkSeeks(arguments) } catch { print("sitrep-bench: \(error)"); exit(1) }
case "append-pg":
    do { try benchmarkStoreAppends(arguments) } catch { print("sitrep-bench: \(error)"); exit(1) }
case "follow":
    do { try benchmarkFollowLatency(arguments) } catch { print("sitrep-bench: \(error)"); exit(1) }
case "keys":
    do { try benchmarkKeys(arguments) } catch { print("sitrep-bench: \(error)"); exit(1) }
case "first-frame":
    do { try benchmarkFirstFrame(arguments) } catch { print("sitrep-bench: \(error)"); exit(1) }
case "loop-first-frame":
    do { try benchmarkLoopFirstFrame(arguments) } catch { print("sitrep-bench: \(error)"); exit(1) }
case "follow-load":
    do { try benchmarkFollowLoad(arguments) } catch { print("sitrep-bench: \(error)"); exit(1) }
default:
    print("usage: sitrep-bench frame|seek|first-frame|keys [JOURNAL] [--width W] [--height H] [--frames N]")
    print("       sitrep-bench append-pg postgresql://USER@HOST:PORT/DATABASE#INCIDENT [--frames N]")
    print("       sitrep-bench follow|follow-load postgresql://USER@HOST:PORT/DATABASE [--appends N] [--lines N] [--from JOURNAL]")
    exit(2)
}

#if canImport(Glibc)
import Glibc
#endif
