/// The report's timeline section: a line for each entry, hundreds of thousands of them in a long
/// incident, so they are written as bytes, on both cores, and handed on a megabyte at a time.
extension PostmortemReport {
    /// How much of the caller's half is gathered before it is handed on.
    static let emitBytes = 1 << 20

    func timeline(_ out: inout MarkdownText, emit: ([UInt8]) -> Void) {
        out.section("Timeline")
        guard !state.timeline.isEmpty else {
            out.line("_The journal has no timeline entries yet: `sitrep note TEXT` records one._")
            return
        }
        let secondHalf = SplitWriting.write(state.timeline, firstHalf: { half in
            half.withUnsafeBufferPointer { entries in
                for index in entries.indices {
                    Self.append(entries[index], to: &out)
                    if out.count >= Self.emitBytes {
                        emit(out.bytes)
                        out.removeAll()
                    }
                }
            }
        }, secondHalf: { half in
            var text = MarkdownText()
            // Room for lines longer than most, so the buffer is not copied as it grows; pages
            // never written are never touched.
            text.reserveCapacity(half.count * 128)
            half.withUnsafeBufferPointer { entries in
                for index in entries.indices { Self.append(entries[index], to: &text) }
            }
            return text.bytes
        })
        guard !secondHalf.isEmpty else { return }
        emit(out.bytes)
        out.removeAll()
        emit(secondHalf)
    }

    /// `- **ts:** kind (detail): text — actor`, one line of the timeline section. The entry is
    /// read where it lies (the loops above go through buffer pointers): copying it out retained
    /// and released each of its strings.
    private static func append(_ entry: TimelineEntry, to out: inout MarkdownText) {
        out.append(literal: "- **")
        out.appendLong(entry.ts)
        out.append(literal: ":** ")
        out.appendInline(entry.kind.name)
        if let detail = entry.detail {
            out.append(literal: " (")
            out.appendInline(detail)
            out.append(literal: ")")
        }
        out.append(literal: ": ")
        out.appendInline(entry.text)
        if let original = entry.originalText {
            out.append(literal: " _(amended; first recorded as: ")
            out.appendInline(original)
            out.append(literal: ")_")
        }
        if let actor = entry.actor {
            out.append(literal: " — ")
            out.appendInline(actor)
        }
        out.endLine()
    }
}
