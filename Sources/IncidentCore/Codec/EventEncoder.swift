/// Writes an event as one journal line (without the newline), fields in a fixed order:
/// `ts`, `kind`, the kind's own fields, `actor`, `text`, extra fields, then `logged`, `id`, `prev`.
/// `prev` comes last so a torn write loses the chain link and shows up as a bad line.
public enum EventEncoder {
    public static func encode(_ event: Event) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("ts"); json.string(RFC3339.format(event.ts))
        json.key("kind"); json.string(event.kind.name)
        json.field("title", event.title)
        json.field("severity", event.severity)
        json.field("impact", event.impact)
        json.field("started", event.started)
        json.field("state", event.state)
        json.field("role", event.role)
        json.field("who", event.who)
        json.field("to", event.to)
        json.field("service", event.service)
        json.field("level", event.level)
        json.field("ref", event.ref)
        json.field("owner", event.owner)
        json.field("pool", event.pool)
        json.field("in_use", event.inUse)
        json.field("max", event.max)
        json.field("waiting", event.waiting)
        json.field("idle", event.idle)
        json.field("latency_ms", event.latencyMs)
        json.field("error_rate", event.errorRate)
        json.field("actor", event.actor)
        json.field("text", event.text)
        for field in event.extra {
            json.key(field.key); json.value(field.value)
        }
        json.field("logged", event.logged)
        json.field("id", event.id)
        json.field("prev", event.prev)
        json.endObject()
        return json.bytes
    }
}
