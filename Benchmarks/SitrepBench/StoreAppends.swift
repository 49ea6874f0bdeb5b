import IncidentCore
import JournalPostgres

/// `append-pg postgresql://USER@HOST:PORT/DB#INCIDENT`: appends one note at a time through the
/// store, as a responder's Enter does, and prints the latency of each append: one transaction
/// under the incident's lock, the chain read and extended, the line inserted and announced.
/// Targets on loopback: p50 at most 3 ms, p99 at most 15 ms.
func benchmarkStoreAppends(_ arguments: Arguments) throws {
    let address = try PostgresAddress.parse(arguments.journal)
    let journal = PostgresJournal(address: address)
    try journal.open()
    for index in 0..<50 { try journal.append(note(index)) }  // warm: connection, plans, caches
    var samples: [Double] = []
    for index in 0..<arguments.frames {
        let start = ContinuousClock.now
        try journal.append(note(index))
        samples.append(milliseconds(start, ContinuousClock.now))
    }
    samples.sort()
    func figure(_ value: Double) -> String { String(format: "%.2f", value) }
    print("store          \(journal.location)")
    print("append         p50 \(figure(samples[samples.count / 2])) ms, p99 \(figure(samples[samples.count * 99 / 100])) ms, "
          + "max \(figure(samples.last!)) ms over \(samples.count) appends (targets: p50 <= 3 ms, p99 <= 15 ms)")
}

private func note(_ index: Int) -> Event {
    Event(ts: .now(), kind: .note, actor: "bench", text: "append \(index): pool app at 3/3 in use, 12 waiting; restarting the pooler")
}
