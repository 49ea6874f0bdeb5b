/// Samples one reading the way a collector does: every `period` seconds, written when it changed
/// and otherwise every `heartbeat` seconds, so a quiet pane still shows that someone is watching
/// without the journal filling up with repeats.
struct SampleSeries {
    let period: Double
    let heartbeat: Double
    /// The sample at an offset. Its `ts` is left alone, so two readings compare by content only.
    let reading: (Double) -> Event

    func steps(through end: Double) -> [DemoScenario.Step] {
        var steps: [DemoScenario.Step] = []
        var lastWritten: (event: Event, offset: Double)?
        for offset in stride(from: 0, through: end, by: period) {
            let event = reading(offset)
            if let last = lastWritten, last.event == event, offset - last.offset < heartbeat { continue }
            steps.append(DemoScenario.Step(offset: offset, event: event))
            lastWritten = (event, offset)
        }
        return steps
    }
}
