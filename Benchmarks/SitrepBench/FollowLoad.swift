// `follow-load ADDRESS [--lines 1000000] [--from JOURNAL]`: one incident as a file and as an
// incident in the store (the same bytes, loaded as `sitrep import` loads them), then the live
// dashboard's first whole frame from each, three times, in turns. Without --from, the incident
// is N chained notes. The issue's target: the store at most twice the file.
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
    let path: String
    var madeFile = false
    if let given = arguments.from {
        path = given
    } else {
        path = NSTemporaryDirectory() + "sitrep-bench-load-\(getpid()).jsonl"
        var bytes: [UInt8] = []
        for line in chainedLines(arguments.lines) { bytes += line; bytes.append(0x0A) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        madeFile = true
    }
    defer { if madeFile { unlink(path) } }
    let incident = address.incident
    defer { try? waitFor { try await removeIncident(incident, connector) } }
    // As `sitrep import` loads a file: the same bytes, one transaction.
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { [UInt8]($0) }
    if lines.last?.isEmpty == true { lines.removeLast() }
    _ = try journal.importLines(lines)
    lines = []

    var fromFile: [Double] = []
    var fromStore: [Double] = []
    var counts = (events: 0, entries: 0)
    for _ in 0..<3 {
        let file = try timeFirstFrame(of: FileJournal(path: path), arguments)
        let store = try timeFirstFrame(of: journal, arguments)
        precondition(file.events == store.events && file.entries == store.entries, "the store and the file disagree")
        counts = (file.events, file.entries)
        fromFile.append(file.milliseconds)
        fromStore.append(store.milliseconds)
    }
    let file = fromFile.sorted()[1]
    let store = fromStore.sorted()[1]
    print("incident       \(counts.events) events, \(counts.entries) timeline entries; \(path) and \(address)")
    print("first frame    file  median \(String(format: "%.0f", file)) ms of \(fromFile.map { String(format: "%.0f", $0) }.joined(separator: ", "))")
    print("first frame    store median \(String(format: "%.0f", store)) ms of \(fromStore.map { String(format: "%.0f", $0) }.joined(separator: ", "))")
    print("store / file   \(String(format: "%.2f", store / file))x (target <= 2x)")
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
