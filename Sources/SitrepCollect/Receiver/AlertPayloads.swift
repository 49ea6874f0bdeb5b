import Foundation
import IncidentCore

/// What a POST asked to record, or why it is refused. Payloads come from the network: every
/// field is checked, and text is cut to a length the timeline can show.
enum AlertPayloads {
    /// In UTF-8 bytes: characters can be any size (a run of combining marks made 2,000
    /// characters 181 KB), and the journal's limit is on bytes.
    static let textLimit = 4_000

    struct Rejection: Error, Equatable {
        var reason: String
    }

    /// Prometheus Alertmanager's webhook, version 4: each firing alert becomes an `alert`,
    /// each resolved one a `note`.
    static func alertmanager(_ body: Data, actor: String, now: Timestamp) throws(Rejection) -> [Event] {
        let webhook: AlertmanagerWebhook
        do {
            webhook = try JSONDecoder().decode(AlertmanagerWebhook.self, from: body)
        } catch {
            throw Rejection(reason: "not an Alertmanager webhook payload: \(describe(error))")
        }
        guard webhook.version == "4" else {
            throw Rejection(reason: "Alertmanager webhook version \(SafeText.quoted(webhook.version)) is not supported; sitrep reads version 4")
        }
        var events = webhook.alerts.map { $0.event(actor: actor, now: now) }
        if let left = webhook.truncationNote(actor: actor, now: now) { events.append(left) }
        return events
    }

    /// `{"text": "...", "service": "...", "level": "critical"}` from a script or another tool.
    static func simple(_ body: Data, actor: String, now: Timestamp) throws(Rejection) -> Event {
        let alert: SimpleAlert
        do {
            alert = try JSONDecoder().decode(SimpleAlert.self, from: body)
        } catch {
            throw Rejection(reason: "expected {\"text\": ..., \"service\": ..., \"level\": ...}: \(describe(error))")
        }
        let text = alert.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Rejection(reason: "text is empty") }
        if let level = alert.level, !["info", "warning", "critical"].contains(level) {
            throw Rejection(reason: "level must be info, warning or critical, not \(SafeText.quoted(level, limit: 40))")
        }
        var event = Event(ts: now, kind: .alert, actor: try alert.sender() ?? actor, text: clip(text))
        event.service = alert.service.map { clip($0, to: 200) }
        event.level = alert.level
        event.markAutomated()
        return event
    }

    /// At most `limit` UTF-8 bytes, cut between characters, with "…" where it was cut.
    static func clip(_ text: String, to limit: Int = textLimit) -> String {
        guard text.utf8.count > limit else { return text }
        var kept = ""
        var bytes = 0
        for character in text {
            let size = character.utf8.count
            guard bytes + size <= limit - 3 else { break }
            kept.append(character)
            bytes += size
        }
        return kept + "…"
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "\(path(context, key.stringValue)) is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(path(context)) has the wrong type"
        default:
            return "the body is not valid JSON"
        }
    }

    private static func path(_ context: DecodingError.Context, _ last: String? = nil) -> String {
        let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" } + (last.map { [".\($0)"] } ?? [])
        let joined = parts.joined()
        return joined.hasPrefix(".") ? String(joined.dropFirst()) : joined
    }
}

private struct SimpleAlert: Decodable {
    var text: String
    var service: String?
    var level: String?
    /// Who is speaking (`deploy-bot`), instead of the receiver's `--actor`.
    var actor: String?

    func sender() throws(AlertPayloads.Rejection) -> String? {
        guard let actor else { return nil }
        let name = actor.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.utf8.count <= 64 else {
            throw AlertPayloads.Rejection(reason: "actor must be a name of 1 to 64 bytes")
        }
        return name
    }
}

private struct AlertmanagerWebhook: Decodable {
    var version: String
    var alerts: [AlertmanagerAlert]
    /// How many alerts of the group Alertmanager left out (`max_alerts` in its webhook config).
    var truncatedAlerts: Int?
    var groupKey: String?
    var groupLabels: [String: String]?

    /// Says that alerts were left out, so nobody takes the timeline for the whole group.
    func truncationNote(actor: String, now: Timestamp) -> Event? {
        guard let truncatedAlerts, truncatedAlerts > 0 else { return nil }
        let labels = (groupLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let group = labels.isEmpty ? "" : " of group {\(labels.joined(separator: ", "))}"
        let text = "Alertmanager left out \(truncatedAlerts) alerts\(group) (its max_alerts); "
            + "\(alerts.count) came through. Alertmanager's own view has the rest."
        var event = Event(ts: now, kind: .note, actor: actor, text: AlertPayloads.clip(text))
        // Known by its group, so each repeat of the notification does not record it again.
        let group64 = AlertmanagerFingerprint.of(["groupKey": groupKey ?? labels.joined(separator: ",")])
        event.extra.append(.init(key: "fingerprint", value: .string(group64)))
        event.extra.append(.init(key: AlertLedger.sentTimeKey, value: .string("max_alerts")))
        event.extra.append(.init(key: "truncated_alerts", value: .number(Double(truncatedAlerts))))
        event.markAutomated()
        return event
    }
}

struct AlertmanagerAlert: Decodable {
    var status: String
    var labels: [String: String]
    var annotations: [String: String]?
    var startsAt: String?
    var endsAt: String?
    var fingerprint: String?

    var isResolved: Bool { status == "resolved" }

    /// The service a responder would name: an explicit label first, then the scrape job or target.
    var service: String? { labels["service"] ?? labels["job"] ?? labels["instance"] }

    var level: String? {
        switch labels["severity"]?.lowercased() {
        case "critical", "page", "error", "high", "emergency": "critical"
        case "warning", "warn", "medium": "warning"
        case "info", "low", "none": "info"
        default: nil
        }
    }

    var headline: String {
        let name = labels["alertname"] ?? "alert"
        let detail = annotations?["summary"] ?? annotations?["description"] ?? annotations?["message"]
        return detail.map { "\(name): \($0)" } ?? name
    }

    func event(actor: String, now: Timestamp) -> Event {
        // Alertmanager sends the zero time (year 1) for "unknown"; such a time must not backdate,
        // and a time ahead of ours (clock skew) must not sit in the future of the timeline.
        func moment(_ text: String?) -> Timestamp? {
            guard let text, let time = RFC3339.parse(text), time.secondsSinceEpoch > 946_684_800 else { return nil }
            return min(time, now)
        }
        var event: Event
        if isResolved {
            let suffix = service.map { " (\($0))" } ?? ""
            event = Event(ts: moment(endsAt) ?? now, kind: .note, actor: actor,
                          text: AlertPayloads.clip("resolved: \(headline)\(suffix)"))
        } else {
            event = Event(ts: moment(startsAt) ?? now, kind: .alert, actor: actor, text: AlertPayloads.clip(headline))
            event.service = service.map { AlertPayloads.clip($0, to: 200) }
            event.level = level
        }
        // As sent, so a repeat is recognised whatever the two clocks say.
        let sentTime = (isResolved ? endsAt : startsAt).map { AlertPayloads.clip($0, to: 64) }
        if let sentTime { event.extra.append(.init(key: AlertLedger.sentTimeKey, value: .string(sentTime))) }
        // Without one (a hand-written post), computed as Alertmanager does, so repeats are still known.
        let identity = fingerprint.map { AlertPayloads.clip($0, to: 64) } ?? AlertmanagerFingerprint.of(labels)
        event.extra.append(.init(key: "fingerprint", value: .string(identity)))
        event.markAutomated()
        return event
    }
}
