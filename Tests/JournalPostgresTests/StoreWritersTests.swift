import Foundation
import IncidentCore
import JournalPostgres
import Synchronization
import TestSupport
import Testing

/// Many writers on one incident, each with its own store object and connection, as separate
/// responders, collectors and receivers are.
@Suite(.enabled(if: StoreLab.shouldRun, StoreLab.skipMessage), .oneAtATime)
struct StoreWritersTests {
    static let writers = 16
    static let appendsEach = 200

    @Test("16 writers x 200 appends: 3,200 events, none lost, none twice, the chain intact")
    func concurrentWritersLoseNothing() throws {
        let incident = StoreLab.uniqueIncident("writers")
        let address = StoreLab.address(incident)
        let tally = Tally()
        // Threads of their own, not tasks: each append blocks its thread until PostgreSQL answers.
        for writer in 0..<Self.writers {
            let thread = Thread {
                let journal = PostgresJournal(address: address, connector: StoreConnector(address: address, environment: [:]))
                for index in 0..<Self.appendsEach {
                    do {
                        try journal.append(Event(ts: .now(), kind: .note, actor: "writer-\(writer)", text: "\(index)"))
                    } catch {
                        tally.fail("writer \(writer), append \(index): \(error)")
                    }
                }
                tally.finish()
            }
            thread.start()
        }
        #expect(eventually(seconds: 300, every: 0.2) { tally.finished == Self.writers })
        #expect(tally.failures.isEmpty, "\(tally.failures.prefix(3))")

        let journal = PostgresJournal(address: address, connector: StoreConnector(address: address, environment: [:]))
        let lines = try journal.allLines()
        let events = try journal.events()
        #expect(lines.count == Self.writers * Self.appendsEach)
        #expect(Set(events.compactMap(\.id)).count == Self.writers * Self.appendsEach, "every id once")
        #expect(try journal.problemLines().isEmpty)
        for writer in 0..<Self.writers {
            let texts = events.filter { $0.actor == "writer-\(writer)" }.compactMap(\.text)
            #expect(texts == (0..<Self.appendsEach).map(String.init), "writer \(writer)'s appends, each once, in order")
        }
    }

    @Test("threads sharing one store object take turns on its one connection")
    func threadsShareOneStore() throws {
        let journal = StoreLab.journal()
        let tally = Tally()
        for thread in 0..<4 {
            Thread {
                for index in 0..<50 {
                    do {
                        try journal.append(Event(ts: .now(), kind: .note, actor: "thread-\(thread)", text: "\(index)"))
                    } catch {
                        tally.fail("thread \(thread), append \(index): \(error)")
                    }
                }
                tally.finish()
            }.start()
        }
        #expect(eventually(seconds: 120, every: 0.1) { tally.finished == 4 })
        #expect(tally.failures.isEmpty, "\(tally.failures.prefix(3))")
        let lines = try journal.allLines()
        #expect(lines.count == 200)
        #expect(try journal.problemLines().isEmpty)
    }
}

/// What the writer threads report.
private final class Tally: Sendable {
    private let state = Mutex<(finished: Int, failures: [String])>((0, []))

    func finish() { state.withLock { $0.finished += 1 } }
    func fail(_ what: String) { state.withLock { $0.failures.append(what) } }
    var finished: Int { state.withLock { $0.finished } }
    var failures: [String] { state.withLock { $0.failures } }
}
