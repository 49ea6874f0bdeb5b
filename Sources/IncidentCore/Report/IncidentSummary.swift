/// The state of an incident at one moment, for people (`text`) and for scripts (`json`).
/// The JSON shape is a published contract (docs/summary-json.md): keys are only ever added.
public struct IncidentSummary {
    public static let schema = "sitrep.summary/1"

    public let state: IncidentState
    public let head: String?
    public let badLines: Int
    public let asOf: Timestamp

    public init(state: IncidentState, head: String?, badLines: Int, asOf: Timestamp) {
        self.state = state
        self.head = head
        self.badLines = badLines
        self.asOf = asOf
    }

    /// Impact start to resolution, or to `asOf` while the incident is open.
    public var elapsedSeconds: Double? {
        guard let start = state.milestones.impactStart else { return nil }
        return max(0, start.seconds(until: state.milestones.resolved ?? asOf))
    }

    public func json() -> String {
        var json = JSONWriter()
        json.beginObject()
        json.nullable("schema", Self.schema)
        json.nullable("as_of", asOf)
        json.nullable("title", state.title)
        json.nullable("severity", state.severity)
        json.nullable("status", state.status)
        json.nullable("status_since", state.statusSince)
        json.nullable("impact", state.impact)
        json.nullable("commander", state.commander)
        json.nullable("elapsed_seconds", elapsedSeconds.map { Int($0.rounded()) })
        roles(&json)
        milestones(&json)
        responseTimes(&json)
        services(&json)
        pools(&json)
        json.nullable("events", state.eventCount)
        json.nullable("bad_lines", badLines)
        json.nullable("head", head)
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }

    private func roles(_ json: inout JSONWriter) {
        json.key("roles")
        json.beginArray()
        for role in state.roles {
            json.beginObject()
            json.nullable("role", role.role)
            json.nullable("who", role.who)
            json.nullable("since", role.since)
            json.endObject()
        }
        json.endArray()
    }

    private func milestones(_ json: inout JSONWriter) {
        let milestones = state.milestones
        json.key("milestones")
        json.beginObject()
        json.nullable("impact_start", milestones.impactStart)
        json.nullable("declared", milestones.declared)
        json.nullable("detected", milestones.detected)
        json.nullable("acknowledged", milestones.acknowledged)
        json.nullable("escalated", milestones.escalated)
        json.nullable("mitigated", milestones.mitigated)
        json.nullable("resolved", milestones.resolved)
        json.endObject()
    }

    private func responseTimes(_ json: inout JSONWriter) {
        let times = ResponseTimes(state.milestones)
        json.key("response_seconds")
        json.beginObject()
        json.nullable("detect", times.toDetect)
        json.nullable("acknowledge", times.toAcknowledge)
        json.nullable("escalate", times.toEscalate)
        json.nullable("mitigate", times.toMitigate)
        json.nullable("resolve", times.toResolve)
        json.endObject()
    }

    private func services(_ json: inout JSONWriter) {
        json.key("services")
        json.beginArray()
        for service in state.services {
            json.beginObject()
            json.nullable("service", service.name)
            json.nullable("state", service.state)
            json.nullable("since", service.since)
            json.nullable("latency_ms", service.latencyMs)
            json.nullable("error_rate", service.errorRate)
            json.nullable("text", service.text)
            json.nullable("sampled_at", service.sampledAt)
            json.endObject()
        }
        json.endArray()
    }

    private func pools(_ json: inout JSONWriter) {
        json.key("pools")
        json.beginArray()
        for pool in state.pools {
            json.beginObject()
            json.nullable("pool", pool.name)
            json.nullable("in_use", pool.inUse)
            json.nullable("max", pool.max)
            json.nullable("waiting", pool.waiting)
            json.nullable("idle", pool.idle)
            json.nullable("saturation", pool.saturation.map { ($0 * 1000).rounded() / 1000 })
            json.key("saturated"); json.bool(pool.isSaturated)
            json.nullable("saturated_since", pool.saturatedSince)
            json.nullable("sampled_at", pool.sampledAt)
            json.endObject()
        }
        json.endArray()
    }
}
