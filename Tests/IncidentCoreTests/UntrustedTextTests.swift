import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// Journal text in every message and every text output comes out with no character a terminal
/// acts on; in JSON it stays the same string, as `\uXXXX` escapes; in Markdown it stays inside
/// its paragraph, list item or code span.
@Suite struct UntrustedTextTests {
    static let osc = "\u{1B}]2;PWNED\u{07}"

    private func isClean(_ text: String) -> Bool { !text.unicodeScalars.contains(where: SafeText.needsEscape) }

    @Test func timelineLinesEscapeAnUnknownKindAndTheID() {
        let state = fold([event("2023-06-01T09:00:00Z", EventKind(name: "x" + Self.osc + "\u{9B}2J")) { $0.id = "id\u{9D}0;x\u{9C}\u{202E}" }])
        let line = TimelineText.line(state.timeline[0], showID: true)
        #expect(isClean(line), "\(line.debugDescription)")
        #expect(line.contains(#"x\e]2;PWNED\x07\u{009B}2J"#))
        #expect(line.contains(#"id\u{009D}0;x\u{009C}\u{202E}"#))
    }

    @Test(arguments: [
        #"{"ts":"2023\u009b31m\u202e\u001b]2;PWNED\u0007","kind":"note"}"#,
        "{\"ts\":\"2023\u{9B}31m\u{202E}\u{2066}\u{85}\",\"kind\":\"note\"}",
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","k\u001b]2;PWNED\u0007\u009d\u202e" 1}"#,
    ])
    func badLineReasonsEscapeC1AndBidiToo(_ line: String) throws {
        guard case .failure(let bad) = EventDecoder.decode(Array(line.utf8)) else {
            Issue.record("\(line) decoded")
            return
        }
        #expect(isClean(bad.reason), "\(bad.reason.debugDescription)")
    }

    @Test func verifyEscapesARepeatedID() throws {
        let folder = TemporaryFolder()
        let id = #"id\u001b]2;PWNED\u0007\u009d\u202e"#
        let path = folder.write("incident.jsonl", """
            {"ts":"2023-06-01T09:00:00Z","kind":"note","id":"\(id)"}
            {"ts":"2023-06-01T09:01:00Z","kind":"note","id":"\(id)"}

            """)
        let report = try JournalVerifier(path: path).verify()
        let repeated = try #require(report.problems.first { $0.reason.contains("already used") })
        #expect(isClean(repeated.description), "\(repeated.description.debugDescription)")
        #expect(repeated.reason.contains(#"id\e]2;PWNED\x07\u{009D}\u{202E}"#))
    }

    @Test func jsonEscapesEveryTerminalControlAndKeepsOtherText() {
        var writer = JSONWriter()
        writer.string("a\u{1B}\u{7F}\u{85}\u{9B}\u{9F}\u{061C}\u{200E}\u{200F}\u{2028}\u{2029}\u{202A}\u{202E}\u{2066}\u{2069} é 障害 🔥")
        let json = String(decoding: writer.bytes, as: UTF8.self)
        #expect(json == #""a\u001b\u007f\u0085\u009b\u009f\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069 é 障害 🔥""#)
        let decoded = try? JSONSerialization.jsonObject(with: Data(writer.bytes), options: .fragmentsAllowed) as? String
        #expect(decoded == "a\u{1B}\u{7F}\u{85}\u{9B}\u{9F}\u{061C}\u{200E}\u{200F}\u{2028}\u{2029}\u{202A}\u{202E}\u{2066}\u{2069} é 障害 🔥")
    }

    private func report(_ events: [Event], source: String = "j") -> String {
        PostmortemReport(state: fold(events), source: source, head: nil, asOf: time("2023-06-02T00:00:00Z")).markdown()
    }

    @Test func theReportEscapesTheKindTheRoleAndTheMitigationState() {
        let markdown = report([
            event("2023-06-01T09:00:00Z", EventKind(name: "x" + Self.osc)),
            event("2023-06-01T09:01:00Z", .role) { $0.role = "ops" + Self.osc; $0.who = "bob" },
            event("2023-06-01T09:02:00Z", .mitigation, text: "restart") { $0.state = "applied" + Self.osc + "|x" },
        ])
        #expect(markdown.split(separator: "\n").allSatisfy { isClean(String($0)) }, "\(markdown.debugDescription)")
        #expect(markdown.contains(#"\x07\|x"#), "a | from the journal is escaped everywhere: \(markdown)")
    }

    /// A list item's text that starts like a block (`- `, `> `, `1. `, `+ `, `# `, a fence, four
    /// spaces) would nest a list, a quote, a heading or code inside the item; a trailing backslash
    /// would join it to the next line; `&lt;` would turn into `<`; `\|` would leave a bare `|`.
    @Test(arguments: [
        ("- nested", #"\- nested"#), ("+ nested", #"\+ nested"#), ("> quote", #"\> quote"#),
        ("1. ordered", #"1\. ordered"#), ("12) ordered", #"12\) ordered"#), ("# heading", ##"\# heading"##),
        ("~~~ fence", #"\~\~\~ fence"#), ("=== setext", #"\=== setext"#), ("    code", "&#32;   code"),
        ("back\\", #"back\\"#), ("&lt;b&gt;", #"\&lt;b\&gt;"#), ("\\| cell", #"\\\| cell"#),
    ])
    func textThatStartsABlockStaysInItsListItem(_ text: String, _ escaped: String) {
        let markdown = report([event("2023-06-01T09:00:00Z", .cause, text: text)])
        #expect(markdown.contains("\n- " + escaped + " — alice, "), "\(markdown)")
    }

    /// Inside a code span a backslash is literal, so names there cannot use backslash escapes: a
    /// backtick in the name needs a longer fence, and `my_pool` must not show as `my\_pool`.
    @Test func codeSpansHoldNamesWithBackticksAndUnderscores() {
        let markdown = report([
            event("2023-06-01T09:00:00Z", .pool) { $0.pool = "my_pool`x"; $0.inUse = 50; $0.max = 50; $0.waiting = 3 },
            event("2023-06-01T09:10:00Z", .pool) { $0.pool = "my_pool`x"; $0.inUse = 1; $0.max = 50; $0.waiting = 0 },
        ], source: "in_cidents/`odd`.jsonl")
        #expect(markdown.contains("Connection pool ``my_pool`x`` saturated"), "\(markdown)")
        #expect(markdown.contains("from ``in_cidents/`odd`.jsonl``"), "\(markdown)")
    }
}
