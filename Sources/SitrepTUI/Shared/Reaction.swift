/// What a loop must do after a mode took a key or journal updates.
public struct Reaction: Equatable, Sendable {
    public var redraw = false
    public var beep = false
    public var quit = false
    public var fullRepaint = false

    public static let none = Reaction()
    public static let redraw = Reaction(redraw: true)

    mutating func merge(_ other: Reaction) {
        redraw = redraw || other.redraw
        beep = beep || other.beep
        quit = quit || other.quit
        fullRepaint = fullRepaint || other.fullRepaint
    }
}
