import CNcursesw

/// Turns what ncurses' `get_wch` returns into a `Key`. Kept apart from the backend so the tricky
/// codes can be tested without a terminal.
public enum KeyDecoder {
    /// A character code from `get_wch` returning `OK`; nil for codes that are not a key (other
    /// C1 controls, invalid scalars).
    public static func character(_ code: UInt32) -> Key? {
        switch code {
        case 0x0D, 0x0A: return .enter  // Enter sends \r (raw mode, nonl); \n is Ctrl-J
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x08, 0x7F: return .backspace  // terminals send either for the Backspace key
        case 0x00...0x1F: return .control(controlCharacter(UInt8(code)))
        case 0x80...0x9F: return nil
        default: return Unicode.Scalar(code).map { .character(Character($0)) }
        }
    }

    /// Ctrl-A is byte 1: the byte plus 64 is the key's character (`A`), shown lowercase.
    private static func controlCharacter(_ byte: UInt8) -> Character {
        let character = Character(Unicode.Scalar(byte + 0x40))
        return Character(character.lowercased())
    }

    /// A function-key code from `get_wch` returning `KEY_CODE_YES`; nil for keys the dashboard
    /// has no use for (mouse, keypad oddities), which are then ignored.
    public static func functionKey(_ code: Int32) -> Key? {
        if let key = namedKeys[code] { return key }
        let number = code - sitrep_key_f0()
        return (1...24).contains(number) ? .function(Int(number)) : nil
    }

    private static let namedKeys: [Int32: Key] = [
        sitrep_key_resize(): .resize,
        sitrep_key_up(): .up,
        sitrep_key_down(): .down,
        sitrep_key_left(): .left,
        sitrep_key_right(): .right,
        sitrep_key_ppage(): .pageUp,
        sitrep_key_npage(): .pageDown,
        sitrep_key_home(): .home,
        sitrep_key_end(): .end,
        sitrep_key_backspace(): .backspace,
        sitrep_key_dc(): .delete,
        sitrep_key_btab(): .backTab,
        sitrep_key_enter(): .enter,
    ]
}
