import Foundation

/// One TCP connection to 127.0.0.1, driven byte by byte the way a slow, careless or hostile
/// client would, and read the way a real client reads: a reset is told apart from a close.
final class RawConnection {
    struct Answer {
        var text: String
        /// The server reset the connection (ECONNRESET) instead of closing it.
        var wasReset: Bool
    }

    private let fd: Int32

    init(port: Int, receiveTimeout seconds: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    deinit { close(fd) }

    /// Sends all of `bytes`, blocking while the server does not read. False once the server has
    /// gone (EPIPE or ECONNRESET): MSG_NOSIGNAL keeps SIGPIPE from ending the test process.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Says "I have sent everything" and still reads: what Alertmanager's peers and many scripts do.
    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Everything the server sends until it closes, resets, or the receive timeout passes.
    func readToEnd() -> Answer {
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { answer += buffer[0..<count]; continue }
            return Answer(text: String(decoding: answer, as: UTF8.self), wasReset: count < 0 && errno == ECONNRESET)
        }
    }

    /// True when the server has closed (or reset) the connection; anything it sent first is
    /// read and dropped. Does not wait.
    var isClosed: Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 { continue }
            return count == 0 || errno == ECONNRESET
        }
    }
}

/// One TCP connection that sends bytes as given and reads until the server closes it.
enum RawHTTP {
    static func exchange(port: Int, _ request: String) throws -> String {
        let connection = try RawConnection(port: port)
        connection.send(request)
        return connection.readToEnd().text
    }
}
