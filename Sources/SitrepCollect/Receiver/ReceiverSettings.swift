#if canImport(Glibc)
import Glibc
#endif

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
        if host == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        let loopback = in6addr_loopback
        return withUnsafeBytes(of: v6) { given in withUnsafeBytes(of: loopback) { given.elementsEqual($0) } }
    }
}
