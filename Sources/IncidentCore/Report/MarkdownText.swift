/// Builds Markdown text; `inline` and `code` make journal text safe to place in a Markdown line.
/// Kept as UTF-8 bytes, and journal text escaped straight into them: a report on a long incident
/// has a line for each of hundreds of thousands of timeline entries.
struct MarkdownText {
    private var out = TextBytes()
    /// The minute `appendLong` wrote last, and what it wrote: a long timeline has hundreds of
    /// entries a minute, each line starting with it.
    private var longMinute: Int64?
    private var longText: [UInt8] = []

    var text: String { out.string }
    var bytes: [UInt8] { out.bytes }
    var count: Int { out.count }

    /// Empties the text, keeping its memory for what comes next.
    mutating func removeAll() { out.removeAll() }
    mutating func reserveCapacity(_ count: Int) { out.reserveCapacity(count) }

    mutating func line(_ content: String) {
        out.append(content)
        out.append(byte: 0x0A)
    }

    mutating func blank() { out.append(byte: 0x0A) }
    mutating func section(_ title: String) { out.append("\n## \(title)\n\n") }
    mutating func subsection(_ title: String) { out.append("\n### \(title)\n\n") }

    /// Pieces of a line, for the parts written once per entry; `endLine` ends it.
    mutating func append(literal piece: StaticString) { out.append(literal: piece) }
    mutating func appendInline(_ raw: String) { Self.appendInline(raw, to: &out.bytes) }
    mutating func endLine() { out.append(byte: 0x0A) }

    /// `TimeText.long(time)`, which names the minute, written once a minute.
    mutating func appendLong(_ time: Timestamp) {
        let minute = Self.minute(of: time)
        if minute != longMinute {
            var text = TextBytes()
            text.appendLong(time)
            (longMinute, longText) = (minute, text.bytes)
        }
        out.append(bytes: longText)
    }

    /// Minutes since the epoch, rounded down (also before it).
    private static func minute(of time: Timestamp) -> Int64 {
        let (quotient, remainder) = time.microseconds.quotientAndRemainder(dividingBy: 60_000_000)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// Journal text is untrusted: control characters are escaped (so a line break cannot end the
    /// paragraph or the table row), characters that open Markdown or HTML structure anywhere (a
    /// cell, a tag, emphasis, an entity, and the backslash itself) are backslash-escaped, and so is
    /// a start that would open a block: a list, a quote, a heading, a fence, indented code.
    static func inline(_ raw: String) -> String {
        var bytes: [UInt8] = []
        appendInline(raw, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `inline(raw)` added to `bytes`. Text with nothing for `SafeText` to escape, nearly all of
    /// it, goes to the byte path as it is: `SafeText.escape` would return it unchanged, and
    /// reading it scalar by scalar to learn that was a tenth of a long report.
    static func appendInline(_ raw: String, to bytes: inout [UInt8]) {
        let start = bytes.count
        var utf8 = raw
        let written = utf8.withUTF8 { source in
            EscapeScan.isTerminalSafe(UnsafeRawBufferPointer(source), allowingNewlines: false)
                && appendByteInline(source, to: &bytes)
        }
        if written { return }
        bytes.removeSubrange(start...)
        let text = SafeText.escape(raw)
        if !appendByteInline(text, to: &bytes) {
            bytes.removeSubrange(start...)
            bytes.append(contentsOf: characterInline(text).utf8)
        }
    }

    /// `inline` byte by byte: the same result without iterating characters, which was most of a
    /// report's time on a long timeline. An ASCII byte is a character of its own unless a
    /// non-ASCII neighbour joins it into one (an accent after it, a prepended mark before it):
    /// where a byte that matters has such a neighbour, false, and `characterInline` decides.
    static func appendByteInline(_ text: String, to bytes: inout [UInt8]) -> Bool {
        var utf8 = text
        return utf8.withUTF8 { appendByteInline($0, to: &bytes) }
    }

    /// The same for text already escaped for the terminal, given as its UTF-8. What lies between
    /// two markup characters is copied in one piece.
    private static func appendByteInline(_ source: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) -> Bool {
        let start = bytes.count
        var copied = 0
        for index in source.indices where isMarkup(source[index]) {
            let joined = (index > 0 && source[index - 1] >= 0x80) || (index + 1 < source.count && source[index + 1] >= 0x80)
            if joined { return false }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<index]))
            bytes.append(UInt8(ascii: "\\"))
            copied = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied...]))
        return byteSafeStart(&bytes, from: start)
    }

    /// `safeStart` on the bytes from `start`; false where a byte it reads is joined to a non-ASCII
    /// one after it.
    private static func byteSafeStart(_ bytes: inout [UInt8], from start: Int) -> Bool {
        guard start < bytes.count else { return true }
        let firstJoined = start + 1 < bytes.count && bytes[start + 1] >= 0x80
        switch bytes[start] {
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="):
            if firstJoined { return false }
            bytes.insert(UInt8(ascii: "\\"), at: start)
        case UInt8(ascii: " "):
            if firstJoined { return false }
            bytes.replaceSubrange(start..<start + 1, with: "&#32;".utf8)
        default:
            let end = bytes[start...].firstIndex { !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? bytes.count
            guard end > start, end < bytes.count else { return true }
            let marker = bytes[end]
            if marker >= 0x80 { return false }
            guard marker == UInt8(ascii: ".") || marker == UInt8(ascii: ")") else { return true }
            if end + 1 < bytes.count && bytes[end + 1] >= 0x80 { return false }
            bytes.insert(UInt8(ascii: "\\"), at: end)
        }
        return true
    }

    /// The characters `inline` backslash-escapes anywhere (the backslash among them).
    private static func isMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "*"),
             UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "#"),
             UInt8(ascii: "~"), UInt8(ascii: "&"):
            true
        default:
            false
        }
    }

    /// `inline` as it reads characters; for the texts `appendByteInline` leaves to it.
    static func characterInline(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\|<>*_`[]#~&".contains(character) { result.append("\\") }
            result.append(character)
        }
        return safeStart(result)
    }

    /// `-`, `+`, `=` and `1.` / `1)` escaped where the text starts, and a leading space made an
    /// entity (Markdown has no escape for it). The rest of the start characters are escaped anywhere.
    private static func safeStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if "-+=".contains(first) { return "\\" + text }
        if first == " " { return "&#32;" + text.dropFirst() }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let rest = text.dropFirst(digits.count)
        if !digits.isEmpty, let marker = rest.first, marker == "." || marker == ")" { return String(digits) + "\\" + rest }
        return text
    }

    /// Journal text as a code span. Backslash escapes do not work inside one, so the fence is one
    /// backtick longer than the longest run of backticks in the text, with a space inside it where
    /// the text starts or ends with a backtick; control characters are escaped as everywhere.
    static func code(_ raw: String) -> String {
        let text = SafeText.escape(raw)
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = text.isEmpty || text.hasPrefix("`") || text.hasSuffix("`") || (text.hasPrefix(" ") && text.hasSuffix(" ")) ? " " : ""
        return fence + pad + text + pad + fence
    }
}
