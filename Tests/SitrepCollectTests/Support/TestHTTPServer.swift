import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP server on loopback whose answers a test scripts: status, body and delay per
/// request. Health checks and scrapes go through real sockets and a real HTTP parser.
final class TestHTTPServer: Sendable {
    struct Reply: Sendable {
        var status = 200
        var body = "ok"
        var delay: Duration = .zero
        var headers: [(String, String)] = []
    }

    let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let requests = RequestCounter()

    init(reply: @escaping @Sendable (_ path: String, _ count: Int) -> Reply) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let requests = self.requests
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler { path in
                        let count = requests.next()
                        return reply(path, count)
                    })
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .wait()
        self.group = group
        port = channel.localAddress?.port ?? 0
    }

    /// The same answer every time.
    convenience init(_ reply: Reply) throws {
        try self.init { _, _ in reply }
    }

    var requestCount: Int { requests.count }

    func url(_ path: String = "/") -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// A port that refuses connections: bound a moment ago, closed now.
    static func refusedPort() throws -> Int {
        let server = try TestHTTPServer(Reply())
        server.stop()
        return server.port
    }
}

private final class RequestCounter: Sendable {
    private let value = Mutex(0)
    var count: Int { value.withLock { $0 } }
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}

private final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let reply: (String) -> TestHTTPServer.Reply
    private var path = "/"

    init(reply: @escaping (String) -> TestHTTPServer.Reply) { self.reply = reply }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): path = head.uri
        case .body: break
        case .end:
            let answer = reply(path)
            let loop = context.eventLoop.assumeIsolated()
            if answer.delay == .zero {
                send(answer, context: context)
            } else {
                loop.scheduleTask(in: .nanoseconds(Int64(answer.delay.components.seconds) * 1_000_000_000 + answer.delay.components.attoseconds / 1_000_000_000)) {
                    self.send(answer, context: context)
                }
            }
        }
    }

    private func send(_ answer: TestHTTPServer.Reply, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: String(answer.body.utf8.count))
        headers.add(name: "Content-Type", value: "text/plain; version=0.0.4")
        for (name, value) in answer.headers { headers.add(name: name, value: value) }
        let head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: answer.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: answer.body.utf8.count)
        buffer.writeString(answer.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
