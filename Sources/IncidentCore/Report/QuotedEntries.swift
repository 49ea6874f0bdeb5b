/// The entries the report quotes after its timeline (causes, mitigations, tasks), each list in
/// timeline order. Found in one pass that reads each entry where it lies: filtering the timeline
/// once for each kind copied every entry of a long incident, three times over.
struct QuotedEntries {
    private(set) var causes: [TimelineEntry] = []
    private(set) var mitigations: [TimelineEntry] = []
    private(set) var tasks: [TimelineEntry] = []

    init(_ timeline: [TimelineEntry]) {
        var (causes, mitigations, tasks) = ([TimelineEntry](), [TimelineEntry](), [TimelineEntry]())
        timeline.withUnsafeBufferPointer { entries in
            for index in entries.indices {
                switch entries[index].kind {
                case .event(.cause): causes.append(entries[index])
                case .event(.mitigation): mitigations.append(entries[index])
                case .event(.task): tasks.append(entries[index])
                default: break
                }
            }
        }
        (self.causes, self.mitigations, self.tasks) = (causes, mitigations, tasks)
    }
}
