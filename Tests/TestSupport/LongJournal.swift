import Foundation
import IncidentCore

/// A journal shaped like a long incident, for the tests of a long journal's first read: mostly
/// samples (three services flapping, a pool saturating and recovering), a note in ten, and the
/// lines that read them wrong if anything does: a bad line early and late, a note quoting
/// `"kind":"health"`, a sample written with spaces, a status change and a role early on, and an
/// amendment near the end of a note near the start.
public enum LongJournal {
    /// `lines` lines (at least 100) written to `path`; returns their text.
    @discardableResult
    public static func write(to path: String, lines count: Int) -> [String] {
        var lines: [String] = []
        let start = Timestamp(microseconds: 1_685_610_000_000_000)  // 2023-06-01T09:00:00Z
        func stamp(_ index: Int) -> String {
            RFC3339.journalFormat(Timestamp(microseconds: start.microseconds + Int64(index) * 500_000))
        }
        lines.append(#"{"ts":"\#(stamp(0))","kind":"declare","title":"Long outage","severity":"SEV2","actor":"alice"}"#)
        for index in 1..<count {
            let ts = stamp(index)
            let line: String
            switch index {
            case 5: line = #"{"ts":"\#(ts)","kind":"role","role":"commander","who":"carol","actor":"alice"}"#
            case 7: line = #"{"ts":"\#(ts)","kind":"note","actor":"bob","text":"first look","id":"early1"}"#
            case 9: line = "{this line is not JSON"
            case 11: line = #"{"ts":"\#(ts)","kind":"note","actor":"bob","text":"grep for \"kind\":\"health\" in the logs"}"#
            case 13: line = #"{"ts": "\#(ts)", "kind": "health", "service": "search", "state": "down", "actor": "collector"}"#
            case count / 3: line = #"{"ts":"\#(ts)","kind":"status","state":"identified","actor":"carol"}"#
            case count - 20: line = #"{"ts":"\#(ts)","kind":"amend","ref":"early1","text":"first look (wrong host)","actor":"bob"}"#
            case count - 10: line = "not json either"
            default: line = sample(index, ts)
            }
            lines.append(line)
        }
        try! (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return lines
    }

    private static func sample(_ index: Int, _ ts: String) -> String {
        if index % 10 == 0 {
            return #"{"ts":"\#(ts)","kind":"note","actor":"bob","text":"note \#(index)"}"#
        }
        if index % 2 == 0 {
            let service = ["api", "web", "db"][index % 3]
            let state = (index / 97) % 4 == 1 ? "down" : ((index / 131) % 5 == 2 ? "degraded" : "up")
            return #"{"ts":"\#(ts)","kind":"health","service":"\#(service)","state":"\#(state)","latency_ms":\#(index % 300),"actor":"collector"}"#
        }
        let inUse = (index / 7) % 60 < 45 ? 20 + (index / 7) % 30 : 50
        let waiting = inUse == 50 ? (index / 7) % 9 : 0
        return #"{"ts":"\#(ts)","kind":"pool","pool":"primary","in_use":\#(inUse),"max":50,"waiting":\#(waiting),"actor":"collector"}"#
    }
}
