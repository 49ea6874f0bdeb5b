#if canImport(Glibc)
import Glibc
#endif

/// How `sitrep receive` listens and whom it believes.
public struct ReceiverSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 7700
    /// When set, every POST must carry `Authorization: Bearer TOKEN`.
    public var token: String?
    /// Bodies larger than this are refused with 413 before they are read. Alertmanager sends a
    /// whole group at once: 1,000 alerts with a few labels and a summary are about 0.5 MB.
    public static let defaultMaxBodyBytes = 8 * 1024 * 1024
    public var maxBodyBytes = defaultMaxBodyBytes
    /// Bodies being received or handled at once may hold at most this many bytes together (by
    /// default four bodies of the largest size); a body that would go past it gets 503. Decoding
    /// a body takes about 15 times its size, on the few threads of NIO's pool.
    public var maxBodyBytesAtOnce: Int?
    var bodyBudget: Int {
        if let maxBodyBytesAtOnce { return maxBodyBytesAtOnce }
        let (fourBodies, overflowed) = maxBodyBytes.multipliedReportingOverflow(by: 4)
        return overflowed ? Int.max : fourBodies
    }
    /// The `actor` of what the receiver writes.
    public var actor = "alertmanager"
    /// A request's headers must be complete this long after the connection opens, or after the
    /// first byte of a later request on a kept-alive one. Counted from the start, not from the
    /// last byte: a client sending a byte a second must not hold a connection forever.
    public var headerTimeout: Duration = .seconds(10)
    /// At most this many connections may be sending headers at once; one more is closed as it
    /// is accepted, so slow clients cannot take every file descriptor.
    public var maxConnectionsSendingHeaders = 64
    /// An accepted request's body must be complete this long after its headers, or it gets 408.
    public var bodyTimeout: Duration = .seconds(30)
    /// After a refusal the receiver stops writing and reads, and drops, what the client is still
    /// sending, for at most this long and this many bytes: closing with unread bytes makes the
    /// kernel reset the connection, and the client never sees its 413.
    public var drainTimeout: Duration = .seconds(2)
    public var drainBytes = 32 * 1024 * 1024

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
