/// How `sitrep receive` listens and whom it believes.
public struct ReceiverSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 7700
    /// When set, every POST must carry `Authorization: Bearer TOKEN`.
    public var token: String?
    /// Bodies larger than this are refused with 413 before they are read.
    public var maxBodyBytes = 256 * 1024
    /// The `actor` of what the receiver writes.
    public var actor = "alertmanager"

    public init() {}

    /// Anyone who can reach the port writes into the incident's record: off the loopback
    /// interface that is only acceptable behind a token.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
