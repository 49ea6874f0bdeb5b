// `follow ADDRESS [--appends N]`: the time from the start of an append to its record leaving a
// follower's `readAvailable`, the writer on a connection of its own, the follower waiting in
// `wait` as the dashboard's `poll()` does. The issue's target: p99 at most 50 ms.
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
    try waitFor { try await BenchWriter.createSchemaIfMissing(connector) }
    let follower = try PostgresJournal(address: address, connector: connector).follow()
    repeat { _ = follower.readAvailable() } while follower.isBehind

    let count = arguments.appends
    let started = Mutex<[Int: ContinuousClock.Instant]>([:])
    let writer = Task {
        let writer = try await BenchWriter(connector: connector, incident: address.incident)
        do {
            for index in 0..<count {
                started.withLock { $0[index] = .now }
                try await writer.append(Event(ts: .now(), kind: .note, actor: "bench", text: "bench \(index)"))
                // Appends a little apart, as people and collectors make them, not one burst.
                try await Task.sleep(for: .milliseconds(10))
            }
        } catch is CancellationError {
            // The last records came back while the writer slept: the benchmark is over.
        } catch {
            print("sitrep-bench: append failed: \(String(reflecting: error))")
        }
        await writer.close()
    }
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
    writer.cancel()
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

/// Appends as the store's writer does: the incident's advisory lock, `prev` the SHA-256 of the
/// last line, the row at `seq + 1` and the notification, in one transaction.
final class BenchWriter: Sendable {
    let connection: PostgresConnection
    let incident: String
    static let logger = Logger(label: "sitrep.bench") { _ in SwiftLogNoOpLogHandler() }

    init(connector: StoreConnector, incident: String) async throws {
        connection = try await connector.connect()
        self.incident = incident
    }

    func close() async { try? await connection.close() }

    func append(_ event: Event) async throws {
        var event = event
        event.id = EventID.make()
        event.logged = .now()
        _ = try await connection.query("BEGIN", logger: Self.logger).collect()
        _ = try await connection.query("SELECT pg_advisory_xact_lock(hashtext('sitrep.events'), hashtext(\(incident)))",
                                       logger: Self.logger).collect()
        let last = try await connection.query(
            "SELECT seq, line FROM sitrep.events WHERE incident = \(incident) ORDER BY seq DESC LIMIT 1",
            logger: Self.logger).collect().first.map { try $0.decode((Int64, ByteBuffer).self) }
        event.prev = last.map { ChainHash.of(Array($0.1.readableBytesView)) }
        let seq = (last?.0 ?? 0) + 1
        let line = ByteBuffer(bytes: EventEncoder.encode(event))
        _ = try await connection.query("""
            INSERT INTO sitrep.events (incident, seq, line, kind, ts) VALUES (\(incident), \(seq), \(line), 'note', now())
            """, logger: Self.logger).collect()
        _ = try await connection.query("SELECT pg_notify(\(StoreSchema.channel), \("\(seq) \(incident)"))",
                                       logger: Self.logger).collect()
        _ = try await connection.query("COMMIT", logger: Self.logger).collect()
    }

    static func createSchemaIfMissing(_ connector: StoreConnector) async throws {
        let connection = try await connector.connect()
        let exists = try await connection.query("SELECT 1 FROM pg_namespace WHERE nspname = 'sitrep'", logger: logger).collect()
        if exists.isEmpty {
            _ = try await connection.query("BEGIN", logger: logger).collect()
            for statement in StoreSchema.createVersion1 {
                _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).collect()
            }
            _ = try await connection.query("COMMIT", logger: logger).collect()
        }
        try await connection.close()
    }
}
