import IncidentCore

/// What the detail view says about one timeline entry, as lines wrapped to a width: who and what,
/// when it happened and when it was written, its id, every field of its kind, the whole text, each
/// version of an amended entry, and where it sits in the journal's hash chain.
struct EntryDetailText {
    struct Line: Equatable {
        var text: String
        var style: StyleRole
        var indent = 0
    }

    let entry: TimelineEntry
    /// The entry's whole event, read back from its journal line: the timeline keeps only what it shows.
    var event: Event? = nil
    /// Why the event could not be read back, said where its fields would be.
    var readProblem: String? = nil
    /// The columns a line may take.
    let width: Int
    private static let labelWidth = 9

    var lines: [Line] {
        var lines = [Line(text: heading, style: .title)]
        lines += times()
        if let id = entry.id ?? event?.id { lines += field("id", id) }
        for (name, value) in Self.fields(of: event) { lines += field(name, value) }
        if let readProblem { lines += wrapped("(\(readProblem))", style: .dim) }
        lines.append(Line(text: "", style: .normal))
        lines += wrapped(entry.text.isEmpty ? "(no text)" : entry.text, style: .normal)
        lines += versions()
        lines.append(Line(text: "", style: .normal))
        lines += field("journal", chain)
        return lines
    }

    private var heading: String {
        "\(entry.kind.name) by \(entry.actor ?? "unknown")" + (entry.isAmended ? " (amended)" : "")
    }

    private func times() -> [Line] {
        var lines = field("ts", TimeText.utc(entry.ts))
        guard let logged = event?.logged else { return lines }
        let apart = entry.ts.seconds(until: logged)
        var text = TimeText.utc(logged)
        if apart >= 1 {
            text += "  (written \(DurationText.compact(apart)) after ts: backdated)"
        } else if apart <= -1 {
            text += "  (written \(DurationText.compact(-apart)) before ts)"
        }
        lines += field("logged", text)
        return lines
    }

    private var chain: String {
        var text = "line \(entry.line)"
        if let prev = event?.prev { text += ", chained to the line before it, #\(prev.prefix(16))" }
        return text
    }

    /// The original text and every amendment, each with who and when.
    private func versions() -> [Line] {
        guard let original = entry.originalText else { return [] }
        var lines = [Line(text: "", style: .normal), Line(text: "Versions (\(entry.amendments.count + 1))", style: .title)]
        lines.append(Line(text: "\(TimeText.utc(entry.ts)) \(entry.actor ?? "unknown") (original)", style: .dim))
        lines += wrapped(original, style: .normal, indent: 2)
        for amendment in entry.amendments {
            lines.append(Line(text: "\(TimeText.utc(amendment.ts)) \(amendment.actor ?? "unknown")", style: .dim))
            lines += wrapped(amendment.text ?? "", style: .normal, indent: 2)
        }
        return lines
    }

    /// `label    value`, the value wrapped under itself.
    private func field(_ label: String, _ value: String) -> [Line] {
        let label = label.padding(to: Self.labelWidth)
        var lines = wrapped(value, style: .normal, indent: Self.labelWidth)
        lines[0].text = label + lines[0].text
        lines[0].indent = 0
        return lines
    }

    private func wrapped(_ text: String, style: StyleRole, indent: Int = 0) -> [Line] {
        TextWrap.lines(text, width: max(1, width - indent)).map { Line(text: $0, style: style, indent: indent) }
    }

    /// The fields the contract names for the entry's kind, then any a tool added, in file order.
    static func fields(of event: Event?) -> [(String, String)] {
        guard let event else { return [] }
        var fields: [(String, String?)] = [
            ("title", event.title), ("severity", event.severity), ("impact", event.impact),
            ("started", event.started.map(TimeText.utc)), ("state", event.state), ("role", event.role),
            ("who", event.who), ("to", event.to), ("service", event.service), ("level", event.level),
            ("ref", event.ref), ("owner", event.owner), ("pool", event.pool),
            ("latency", event.latencyMs.map { "\(number($0)) ms" }),
            ("errors", event.errorRate.map { "\(number($0 * 100))%" }),
        ]
        if let inUse = event.inUse { fields.append(("in use", event.max.map { "\(inUse) of \($0)" } ?? "\(inUse)")) }
        fields += [("waiting", event.waiting.map(String.init)), ("idle", event.idle.map(String.init))]
        fields += event.extra.map { ($0.key, describe($0.value)) }
        return fields.compactMap { name, value in value.map { (name, $0) } }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .number(let value): number(value)
        case .string(let text): text
        case .array(let values): "[" + values.map(describe).joined(separator: ", ") + "]"
        case .object(let pairs): "{" + pairs.map { "\($0.key): \(describe($0.value))" }.joined(separator: ", ") + "}"
        }
    }
}

extension String {
    /// Padded with spaces to at least `columns` characters (the labels here are ASCII).
    fileprivate func padding(to columns: Int) -> String {
        self + String(repeating: " ", count: max(1, columns - count))
    }
}
