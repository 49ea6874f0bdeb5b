import IncidentCore
import Synchronization

/// Alertmanager repeats a firing alert every `repeat_interval` and whenever its group changes;
/// the timeline needs it once. An alert is known by its fingerprint, its start, whether it
/// fired or resolved, and its text: a summary that changes while the alert fires (`17 clients
/// waiting`, then `40`) is news, recorded again; one going back to a text already recorded for
/// that firing is not. The ledger is seeded from the journal, so a restarted receiver does not
/// record the same alert again.
final class AlertLedger: Sendable {
    /// The extra field holding Alertmanager's `startsAt` (firing) or `endsAt` (resolved) as sent.
    static let sentTimeKey = "alert_time"

    private let seen = Mutex(Set<String>())

    func seed(from store: any JournalStore) throws(JournalError) {
        var keys = Set<String>()
        try store.read { record in
            guard case .event(let event, _) = record, let key = Self.key(event) else { return }
            keys.insert(key)
        }
        seen.withLock { $0.formUnion(keys) }
    }

    /// The events not recorded before; they count as recorded from now on.
    func claimNew(_ events: [Event]) -> [Event] {
        seen.withLock { seen in
            events.filter { event in
                guard let key = Self.key(event) else { return true }
                return seen.insert(key).inserted
            }
        }
    }

    /// Forgets events whose append failed, so Alertmanager's retry is not taken for a repeat.
    func release(_ events: [Event]) {
        seen.withLock { seen in
            for event in events { if let key = Self.key(event) { seen.remove(key) } }
        }
    }

    private static func key(_ event: Event) -> String? {
        guard event.isAutomated, let fingerprint = event.extraValue("fingerprint")?.stringValue else { return nil }
        let sentTime = event.extraValue(sentTimeKey)?.stringValue ?? String(event.ts.microseconds)
        return "\(event.kind.name) \(fingerprint) \(sentTime) \(event.text ?? "")"
    }
}
