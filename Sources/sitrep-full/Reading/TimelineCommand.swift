import ArgumentParser
import IncidentCore
import SitrepRecording

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Print the timeline as plain text, one entry a line (times in UTC).",
        discussion: "Control characters and escape sequences from the journal are shown escaped, never sent raw.")

    @Flag(name: [.customShort("f"), .long], help: "Keep following the journal, like tail -f.")
    var follow = false

    @Flag(help: "Show each entry's id (for `sitrep amend`).")
    var ids = false

    @OptionGroup var journal: JournalOption

    func run() throws {
        let store = try journal.existingStore()
        if follow {
            try followTimeline(store)
            return
        }
        let state = try IncidentState.fold(store) { Output.warning($0.description) }
        var output = LongOutput()
        let ids = self.ids
        // Entries are read where they lie: copying each one out retained and released its strings.
        let secondHalf = SplitWriting.write(state.timeline, firstHalf: { half in
            half.withUnsafeBufferPointer { entries in
                for index in entries.indices { output.line { TimelineText.append(entries[index], showID: ids, to: &$0) } }
            }
        }, secondHalf: { half in
            var text = TextBytes()
            // Room for long lines, so the buffer is not copied as it grows; pages never written are never touched.
            text.reserveCapacity(half.count * 128)
            half.withUnsafeBufferPointer { entries in
                for index in entries.indices {
                    TimelineText.append(entries[index], showID: ids, to: &text)
                    text.append(byte: 0x0A)
                }
            }
            return text.bytes
        })
        output.lines(secondHalf)
        output.flush()
    }

    /// Prints what is there, then each new entry as it arrives, until interrupted.
    private func followTimeline(_ store: any JournalStore) throws {
        let follower = try store.follow()
        var state = IncidentState()
        var printedInitial = false
        while true {
            var newLines: [String] = []
            for update in follower.readAvailable() {
                switch update {
                case let .record(.event(event, line)):
                    if let change = state.apply(event, line: line), printedInitial {
                        newLines.append((change.isAmendment ? "amended: " : "") + TimelineText.line(change.entry, showID: ids))
                    }
                case .record(.bad(let bad)):
                    Output.warning(bad.description)
                case .restart(let reason):
                    Output.warning("sitrep: \(reason)")
                    state = IncidentState()
                    printedInitial = false
                case .warning(let message):
                    Output.warning("sitrep: \(message)")
                case let .unreachable(since, reason):
                    Output.warning("sitrep: journal unreachable since \(CivilTime(since).timeText): \(reason); retrying")
                case .reachable:
                    Output.warning("sitrep: journal reachable again")
                case .partial:
                    break  // only a follower asked to preview long journals says this; this one is not
                }
            }
            if !printedInitial {
                // The whole journal as it stands first, in time order, however many reads it takes.
                if follower.isBehind { continue }
                newLines = state.timeline.map { TimelineText.line($0, showID: ids) }
                printedInitial = true
            }
            Output.lines(newLines)
            if !follower.isBehind { follower.wait(timeoutMilliseconds: 1000) }
        }
    }
}

extension TimelineChange {
    var isAmendment: Bool {
        if case .amended = self { return true }
        return false
    }
}
