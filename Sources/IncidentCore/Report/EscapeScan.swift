/// Whether UTF-8 text holds a scalar `SafeText` escapes, found in its bytes without making a
/// String of it: the report asks this of every piece of journal text it quotes, and `timeline` and
/// `report` of every byte they print, as a last check before the terminal.
package enum EscapeScan {
    /// True when no scalar in `bytes` is one `SafeText.needsEscape` names (newlines aside, when
    /// `allowingNewlines`), and no sequence is cut off or invalid. Printable ASCII, nearly all of a
    /// journal's text, is checked eight bytes at a time; the rest a byte or a scalar at a time.
    package static func isTerminalSafe(_ bytes: UnsafeRawBufferPointer, allowingNewlines: Bool) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            if index + 8 <= count,
               isPlainASCII(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self), allowingNewlines: allowingNewlines) {
                index += 8
                continue
            }
            let end = Swift.min(index + 8, count)
            while index < end {
                guard let next = indexPastSafe(bytes, at: index, allowingNewlines: allowingNewlines) else { return false }
                index = next
            }
        }
        return true
    }

    private static let high: UInt64 = 0x8080_8080_8080_8080
    private static let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let ones: UInt64 = 0x0101_0101_0101_0101

    /// True when each of the word's eight bytes is in 0x20...0x7E, or a newline if allowed. Each
    /// test marks the high bit of the bytes it finds, exactly: with every high bit clear no byte
    /// borrows from or carries into its neighbour.
    private static func isPlainASCII(_ word: UInt64, allowingNewlines: Bool) -> Bool {
        guard word & high == 0 else { return false }
        var controls = ~((word | high) &- ones &* 0x20) & high
        if allowingNewlines && controls != 0 {
            let newlineZero = word ^ (ones &* 0x0A)
            let newlines = ~(((newlineZero & low) &+ low) | newlineZero) & high
            controls &= ~newlines
        }
        let delete = (word &+ ones) & high
        return controls | delete == 0
    }

    /// Where the byte or scalar at `index` ends, when it is one `SafeText` leaves alone.
    private static func indexPastSafe(_ bytes: UnsafeRawBufferPointer, at index: Int, allowingNewlines: Bool) -> Int? {
        let byte = bytes[index]
        if byte < 0x80 {
            if byte == 0x0A { return allowingNewlines ? index + 1 : nil }
            return byte < 0x20 || byte == 0x7F ? nil : index + 1
        }
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count else { return nil }
        var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        guard let scalar = Unicode.Scalar(value), !SafeText.needsEscape(scalar) else { return nil }
        return index + length
    }
}
