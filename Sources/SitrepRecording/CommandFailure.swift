/// An error whose text is the whole message, printed as `sitrep: <text>` with exit status 1.
public struct CommandFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
