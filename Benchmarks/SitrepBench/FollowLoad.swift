// `follow-load ADDRESS [--lines 1000000]`: the same incident of N lines written to a file and to
// the store, then followed and folded from the first line until caught up, as the dashboard
// does before it has the whole incident. The target: the store at most twice the file.
import Foundation
import IncidentCore
import JournalPostgres
import NIOCore
import Logging
import PostgresNIO

func benchmarkFollowLoad(_ arguments: Arguments) throws {
    var address = try PostgresAddress.parse(arguments.journal)
    address.incident = "bench-load-\(UInt32.random(in: 0 ... .max))"
    let connector = StoreConnector(address: address)
    let journal = PostgresJournal(address: address, connector: connector)
    let lines = chainedLines(arguments.lines)
    let path = NSTemporaryDirectory() + "sitrep-bench-load-\(getpid()).jsonl"
    defer { unlink(path) }
    var bytes: [UInt8] = []
    for line in lines { bytes += line; bytes.append(0x0A) }
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    let incident = address.incident
    // As `sitrep import` loads a file: the same bytes, one transaction.
    _ = try journal.importLines(lines)

    let fromFile = try foldUntilCaughtUp(try FileJournal(path: path).follow())
    let fromStore = try foldUntilCaughtUp(try journal.follow())
    func seconds(_ duration: Duration) -> String { String(format: "%.2f s", Double(duration.components.attoseconds) / 1e18 + Double(duration.components.seconds)) }
    print("incident       \(lines.count) lines; \(address)")
    print("file           \(seconds(fromFile.time)) to fold every line (\(fromFile.events) events)")
    print("store          \(seconds(fromStore.time)) to fold every line (\(fromStore.events) events), "
          + String(format: "%.2f", fromStore.time / fromFile.time) + "x the file (target <= 2x)")
    try waitFor { try await removeIncident(incident, connector) }
}

/// Notes, each chained to the last as a writer chains them.
private func chainedLines(_ count: Int) -> [[UInt8]] {
    var prev: String?
    var lines: [[UInt8]] = []
    lines.reserveCapacity(count)
    let start = Timestamp.now().adding(seconds: -Double(count) / 100)
    for index in 0..<count {
        var event = Event(ts: start.adding(seconds: Double(index) / 100), kind: .note, actor: "bench",
                          text: "note \(index) about the checkout pool")
        event.id = EventID.make()
        event.prev = prev
        let line = EventEncoder.encode(event)
        prev = ChainHash.of(line)
        lines.append(line)
    }
    return lines
}

private func foldUntilCaughtUp(_ follower: any JournalFollowing) throws -> (time: Duration, events: Int) {
    let start = ContinuousClock.now
    var state = IncidentState()
    var events = 0
    repeat {
        for case .record(.event(let event, let line)) in follower.readAvailable() {
            state.apply(event, line: line)
            events += 1
        }
    } while follower.isBehind
    return (ContinuousClock.now - start, events)
}

/// The table is append-only even to its owner: the trigger is set aside for this one delete of
/// the benchmark's own incident.
private func removeIncident(_ incident: String, _ connector: StoreConnector) async throws {
    let logger = Logger(label: "sitrep.bench") { _ in SwiftLogNoOpLogHandler() }
    let connection = try await connector.connect()
    _ = try? await connection.query("BEGIN", logger: logger).collect()
    _ = try? await connection.query("SET LOCAL session_replication_role = replica", logger: logger).collect()
    _ = try? await connection.query("DELETE FROM sitrep.events WHERE incident = \(incident)", logger: logger).collect()
    _ = try? await connection.query("COMMIT", logger: logger).collect()
    try await connection.close()
}
