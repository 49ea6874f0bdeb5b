/// One key press, decoded.
public enum Key: Hashable, Sendable {
    /// A printable character, already decoded from UTF-8.
    case character(Character)
    /// Ctrl with a letter or one of `@[\]^_`, as that lowercase character: Ctrl-C is
    /// `.control("c")`. Ctrl-H, Ctrl-I, Ctrl-J and Ctrl-M arrive as backspace, tab and enter
    /// because terminals send the same bytes for them.
    case control(Character)
    case enter
    case escape
    case backspace
    case delete
    case tab
    case backTab
    case up, down, left, right
    case pageUp, pageDown
    case home, end
    /// F1 is `.function(1)`.
    case function(Int)
    /// The terminal changed size.
    case resize

    public static let ctrlC = Key.control("c")
    public static let ctrlL = Key.control("l")
    public static let ctrlU = Key.control("u")
}
