// `follow ADDRESS [--appends N]`: the time from the start of an append to its record leaving a
// follower's `readAvailable`, the writer on a connection of its own, the follower waiting in
// `wait` as the dashboard's `poll()` does. The target: p99 at most 50 ms.
import Foundation
import IncidentCore
import JournalPostgres
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

func benchmarkFollowLatency(_ arguments: Arguments) throws {
    var address = try PostgresAddress.parse(arguments.journal)
    if address.incident.isEmpty { address.incident = "bench-follow-\(UInt32.random(in: 0 ... .max))" }
    let connector = StoreConnector(address: address)
    let journal = PostgresJournal(address: address, connector: connector)
    try journal.open()
    let follower = try journal.follow()
    repeat { _ = follower.readAvailable() } while follower.isBehind

    let count = arguments.appends
    let started = Mutex<[Int: ContinuousClock.Instant]>([:])
    let stop = Atomic(false)
    // The writer is the store's own, with a connection of its own, on a thread of its own: as
    // another responder's `sitrep note` would be.
    let writer = PostgresJournal(address: address, connector: connector)
    Thread {
        for index in 0..<count where !stop.load(ordering: .relaxed) {
            started.withLock { $0[index] = .now }
            do {
                try writer.append(Event(ts: .now(), kind: .note, actor: "bench", text: "bench \(index)"))
            } catch {
                print("sitrep-bench: append failed: \(error)")
                return
            }
            // Appends a little apart, as people and collectors make them, not one burst.
            Thread.sleep(forTimeInterval: 0.01)
        }
    }.start()
    var samples: [Double] = []
    let deadline = ContinuousClock.now + .seconds(max(30, count / 10))
    while samples.count < count && ContinuousClock.now < deadline {
        if !follower.isBehind { follower.wait(timeoutMilliseconds: 1000) }
        let updates = follower.readAvailable()
        let now = ContinuousClock.now
        for case .record(.event(let event, _)) in updates {
            guard let text = event.text, text.hasPrefix("bench "), let index = Int(text.dropFirst(6)),
                  let start = started.withLock({ $0[index] }) else { continue }
            samples.append(milliseconds(start, now))
        }
    }
    stop.store(true, ordering: .relaxed)
    guard !samples.isEmpty else { print("sitrep-bench: no append came back"); exit(1) }
    samples.sort()
    func figure(_ value: Double) -> String { String(format: "%.2f", value) }
    print("store          \(address)")
    print("append→record  p50 \(figure(samples[samples.count / 2])) ms, p99 \(figure(samples[samples.count * 99 / 100])) ms, "
          + "max \(figure(samples.last!)) ms over \(samples.count) of \(count) appends (target p99 <= 50 ms)")
}

/// Runs async work on NIO's shared loops from this synchronous benchmark and waits for it.
func waitFor<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) throws -> Value {
    try MultiThreadedEventLoopGroup.singleton.any().makeFutureWithTask(work).wait()
}
