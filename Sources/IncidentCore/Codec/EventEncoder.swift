/// Writes an event as one journal line (without the newline), fields in a fixed order:
/// `ts`, `kind`, `EventField.leading` (the kind's own fields, `actor`, `text`), extra fields, then
/// `EventField.trailing` (`logged`, `id`, `prev`).
/// `prev` comes last so a torn write loses the chain link and shows up as a bad line.
public enum EventEncoder {
    public static func encode(_ event: Event) -> [UInt8] {
        let fields = event.fields
        var json = JSONWriter()
        json.beginObject()
        json.key("ts"); json.string(RFC3339.journalFormat(event.ts))
        json.key("kind"); json.string(event.kind.name)
        for field in EventField.leading { json.field(field, of: fields) }
        for field in event.extra {
            json.key(field.key); json.value(field.value)
        }
        for field in EventField.trailing { json.field(field, of: fields) }
        json.endObject()
        return json.bytes
    }
}

extension JSONWriter {
    /// Writes `"key": value` when the event has the field; absent fields leave no trace.
    mutating func field(_ field: EventField, of fields: Event.Fields) {
        switch field.value {
        case .string(let slot): self.field(field.name, slot.get(fields))
        case .time(let slot): self.field(field.name, slot.get(fields).map(RFC3339.journalFormat))
        case .number(let slot): self.field(field.name, slot.get(fields))
        case .integer(let slot): self.field(field.name, slot.get(fields))
        }
    }
}
