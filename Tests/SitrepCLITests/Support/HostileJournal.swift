import Foundation

/// A journal as an attacker, a broken tool or a torn write could leave it: every class of control
/// character a terminal acts on (C0, DEL, C1, bidi controls, line and paragraph separators), whole
/// ESC/OSC/DCS/APC/PM/CSI sequences in their 7-bit and 8-bit forms, in every field a reader shows,
/// beside CJK, emoji, invalid UTF-8, a line of a megabyte, a line over the reader's limit and a
/// last line without its newline. Deterministic: the same bytes every run.
///
/// Every payload that could retitle a terminal carries the word `PWNED`, so a recording of what
/// reached the terminal can be searched for it right after `ESC ]`.
struct HostileJournal {
    /// The file's bytes, torn tail included.
    let bytes: [UInt8]
    /// 1-based numbers of the lines every reader must report as bad.
    let badLines: [Int]
    /// Text every reader shows from the only line without hostile content, to know it read on.
    static let honestText = "honest entry after the hostile ones"

    /// A title the dashboard's header shows once it has read the journal.
    static let titleMarker = "Payments"

    static func make() -> HostileJournal {
        var builder = Builder()
        builder.addEvents()
        builder.addBadLines()
        builder.add(#"{"ts":"2023-06-01T10:00:00Z","kind":"note","actor":"bob","text":"\#(honestText)"}"#)
        builder.addTornTail()
        return HostileJournal(bytes: builder.bytes, badLines: builder.badLines)
    }

    func write(to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    /// Every control class at once, as JSON escapes: all of C0 but the newline's neighbours'
    /// harmless cousins, DEL, all of C1, the bidi controls, U+2028/U+2029, and whole sequences.
    static let everyClass: String = {
        var text = "all:"
        for value in Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F)
            + [0x061C, 0x200E, 0x200F, 0x2028, 0x2029] + Array(0x202A...0x202E) + Array(0x2066...0x2069) {
            let hex = String(value, radix: 16)
            text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return text + sequences + " 障害対応 🔥 café"
    }()

    /// ESC ] (OSC), ESC P (DCS), ESC _ (APC), ESC ^ (PM), ESC [ (CSI) and their 8-bit forms
    /// (U+009D, U+0090, U+009F, U+009E, U+009B), as JSON escapes.
    static let sequences = #" \u001b]2;PWNED-osc\u0007 \u001b]0;PWNED-st\u001b\\ \u009d2;PWNED-osc8\u009c"#
        + #" \u001bPq;PWNED-dcs\u001b\\ \u0090PWNED-dcs8\u009c \u001b_PWNED-apc\u001b\\ \u009fPWNED-apc8\u009c"#
        + #" \u001b^PWNED-pm\u001b\\ \u009ePWNED-pm8\u009c \u001b[2J\u001b[H \u009b2J\u009b31m"#

    /// The same classes as raw UTF-8 inside a JSON string (valid JSON: only C0 must be escaped).
    static let rawHighControls = "\u{9B}31m\u{9D}2;PWNED-raw\u{9C}\u{202E}\u{2066}\u{2028}\u{061C}\u{200F}"

    /// `title` with an OSC that would retitle the pane, as a JSON string body.
    static func osc(_ name: String) -> String { #"\u001b]2;PWNED-\#(name)\u0007"# }

    private struct Builder {
        var bytes: [UInt8] = []
        var badLines: [Int] = []
        var lineCount = 0
        var minute = 0

        mutating func add(_ line: String) { add(Array(line.utf8)) }

        mutating func add(_ line: [UInt8]) {
            bytes += line + [0x0A]
            lineCount += 1
        }

        mutating func addBad(_ line: String) { addBad(Array(line.utf8)) }

        mutating func addBad(_ line: [UInt8]) {
            add(line)
            badLines.append(lineCount)
        }

        /// The next `ts`, a minute after the last, so the timeline keeps file order.
        mutating func ts() -> String {
            minute += 1
            return String(format: "2023-06-01T09:%02d:00Z", minute)
        }

        mutating func addEvents() {
            let o = HostileJournal.osc
            add(#"{"ts":"\#(ts())","kind":"declare","title":"Pay\#(o("title"))ments\u009d2;PWNED-c1\u009c","severity":"SEV1\#(o("sev"))","impact":"all \u202eusers\u2028down","actor":"alice\u0085\#(o("actor"))"}"#)
            add(#"{"ts":"\#(ts())","kind":"role","role":"x\#(o("role"))","who":"mallory\u202e\#(o("who"))","actor":"eve"}"#)
            add(#"{"ts":"\#(ts())","kind":"status","state":"investigating\#(o("status"))","text":"why\#(o("why"))","actor":"eve"}"#)
            add(#"{"ts":"\#(ts())","kind":"severity","severity":"SEV0\u009b31m\#(o("severity"))","actor":"eve"}"#)
            add(#"{"ts":"\#(ts())","kind":"note","text":"\#(HostileJournal.everyClass)","actor":"eve 障害 🔥"}"#)
            add(#"{"ts":"\#(ts())","kind":"note","text":"raw \#(HostileJournal.rawHighControls) end","actor":"eve\#(HostileJournal.rawHighControls)"}"#)
            add(#"{"ts":"\#(ts())","kind":"alert","service":"web\#(o("service"))","level":"critical\#(o("level"))","text":"p99\#(HostileJournal.sequences)","actor":"monitoring"}"#)
            add(#"{"ts":"\#(ts())","kind":"escalation","to":"dba\#(o("to"))","text":"why\#(o("escalation"))","actor":"eve"}"#)
            add(#"{"ts":"\#(ts())","kind":"mitigation","state":"applied\#(o("state"))","text":"restart\#(o("mitigation"))","actor":"eve"}"#)
            add(#"{"ts":"\#(ts())","kind":"mitigation","state":"\#(o("onlystate"))","text":"second","actor":"eve"}"#)
            add(#"{"ts":"\#(ts())","kind":"task","owner":"bob\u009d2;PWNED-owner\u009c","text":"fix\#(o("task"))","actor":"eve"}"#)
            add(#"{"ts":"\#(ts())","kind":"cause","text":"| cell |\n# heading\n- item\n> quote\n1. list `code` <b>bold</b>\#(o("cause"))","actor":"eve"}"#)
            add(#"{"ts":"\#(ts())","kind":"health","service":"db\#(o("hservice"))","state":"down\#(o("hstate"))","text":"refused\#(o("htext"))","actor":"collector"}"#)
            add(#"{"ts":"\#(ts())","kind":"pool","pool":"primary\#(o("pool"))","in_use":1,"max":50,"waiting":0,"actor":"collector"}"#)
            add(#"{"ts":"\#(ts())","kind":"x\#(o("kind"))","text":"unknown kind","actor":"tool"}"#)
            add(#"{"ts":"\#(ts())","kind":"\u009d2;PWNED-kind8\u009c\u202e","actor":"tool"}"#)
            add(#"{"ts":"\#(ts())","kind":"note","text":"first with a hostile id","id":"id\#(o("id"))\u202e","actor":"eve"}"#)
            add(#"{"ts":"\#(ts())","kind":"note","text":"second with the same id","id":"id\#(o("id"))\u202e","actor":"eve"}"#)
            add(#"{"ts":"\#(ts())","kind":"amend","ref":"id\#(o("id"))\u202e","text":"amended\#(o("amend"))","actor":"eve"}"#)
            // A line of a megabyte (under the reader's 1 MiB limit), escapes all along it.
            let chunk = #"long \u001b]2;PWNED-long\u0007 \u009b2J \u202e 障害 🔥 "#
            let long = String(repeating: chunk, count: 1_000_000 / chunk.utf8.count)
            add(#"{"ts":"\#(ts())","kind":"note","text":"\#(long)","actor":"eve"}"#)
        }

        mutating func addBadLines() {
            let o = HostileJournal.osc
            addBad(#"{"ts":"2023\#(o("ts"))\u009b31m\u202e","kind":"note","text":"bad time"}"#)
            addBad(#"{"ts":"2023\#(HostileJournal.rawHighControls)","kind":"note","text":"bad raw time"}"#)
            addBad(#"{"ts":"2023-06-01T09:59:00Z","kind":"note","k\#(o("key"))\u009d\u202e" 1}"#)
            var notUTF8 = Array(#"{"ts":"2023-06-01T09:59:00Z","kind":"note","text":""#.utf8)
            notUTF8 += [0xFF, 0xFE, 0x9B, 0x1B] + Array("]2;PWNED-utf8".utf8)
            notUTF8 += [0x07] + Array(#""}"#.utf8)
            addBad(notUTF8)
            var garbage: [UInt8] = [0x1B] + Array("]2;PWNED-garbage".utf8)
            garbage += [0x07, 0xC2, 0x9B] + Array("not json".utf8)
            addBad(garbage)
            addBad(#"{"ts":"2023-06-01T09:59:00Z","text":"no kind\#(o("nokind"))"}"#)
            // Over the reader's 1 MiB limit.
            let chunk = #"over \u001b]2;PWNED-over\u0007 "#
            addBad(#"{"ts":"2023-06-01T09:59:00Z","kind":"note","text":""#
                   + String(repeating: chunk, count: 1_100_000 / chunk.utf8.count) + #""}"#)
        }

        /// The last line, without its newline: an append cut off by a crash.
        mutating func addTornTail() {
            bytes += Array(#"{"ts":"2023-06-01T10:01:00Z","kind":"note","text":"torn \#(HostileJournal.osc("torn"))"#.utf8)
            lineCount += 1
            badLines.append(lineCount)
        }
    }
}

/// What a command printed that a terminal would act on: raw C0 other than the newline, DEL, C1,
/// bidi controls, U+2028/U+2029, and any bytes that are not UTF-8 at all. Empty when it is safe.
func rawControls(in output: Data) -> [String] {
    guard let text = String(data: output, encoding: .utf8) else { return ["output is not valid UTF-8"] }
    var found: Set<String> = []
    for scalar in text.unicodeScalars where isTerminalControl(scalar) && scalar != "\n" {
        found.insert(String(format: "U+%04X", scalar.value))
    }
    return found.sorted()
}

/// The characters that `SafeText` must never let through (the same list, kept apart on purpose:
/// a test that reused SafeText's own rule could not catch a gap in it).
func isTerminalControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
}
