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
        /// Sends `body` again and again, a pause between each, without end and without a length,
        /// until the client goes.
        var streamsForeverPausing: Duration?
    }

    let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let requests = RequestCounter()
    private let inFlight = InFlightCounter()
    private let accepts = LastAccept()

    init(reply: @escaping @Sendable (_ path: String, _ count: Int) -> Reply) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let requests = self.requests
        let inFlight = self.inFlight
        let accepts = self.accepts
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(inFlight: inFlight, accepts: accepts) { path in
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

    /// The `Accept` header of the last request: what the client asked the format to be.
    var lastAccept: String? { accepts.text }

    /// The most requests that were being answered at the same moment.
    var mostAtOnce: Int { inFlight.most }

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

private final class LastAccept: Sendable {
    private let value = Mutex<String?>(nil)
    var text: String? { value.withLock { $0 } }
    func set(_ text: String?) { value.withLock { $0 = text } }
}

private final class InFlightCounter: Sendable {
    private let state = Mutex((now: 0, most: 0))
    var most: Int { state.withLock { $0.most } }
    func started() { state.withLock { $0.now += 1; $0.most = max($0.most, $0.now) } }
    func ended() { state.withLock { $0.now -= 1 } }
}

private final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let reply: (String) -> TestHTTPServer.Reply
    private let inFlight: InFlightCounter
    private let accepts: LastAccept
    private var path = "/"

    init(inFlight: InFlightCounter, accepts: LastAccept, reply: @escaping (String) -> TestHTTPServer.Reply) {
        self.inFlight = inFlight
        self.accepts = accepts
        self.reply = reply
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            path = head.uri
            accepts.set(head.headers.first(name: "Accept"))
            inFlight.started()
        case .body: break
        case .end:
            let answer = reply(path)
            let loop = context.eventLoop.assumeIsolated()
            if answer.delay == .zero {
                send(answer, context: context)
            } else {
                loop.scheduleTask(in: TimeAmount(answer.delay)) {
                    self.send(answer, context: context)
                }
            }
        }
    }

    private func send(_ answer: TestHTTPServer.Reply, context: ChannelHandlerContext) {
        inFlight.ended()
        if let pause = answer.streamsForeverPausing { return stream(answer.body, pause: pause, context: context) }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: String(answer.body.utf8.count))
        if !answer.headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            headers.add(name: "Content-Type", value: "text/plain; version=0.0.4")
        }
        for (name, value) in answer.headers { headers.add(name: name, value: value) }
        let head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: answer.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: answer.body.utf8.count)
        buffer.writeString(answer.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private func stream(_ chunk: String, pause: Duration, context: ChannelHandlerContext) {
        let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: ["Transfer-Encoding": "chunked"])
        context.writeAndFlush(wrapOutboundOut(.head(head)), promise: nil)
        func sendMore() {
            guard context.channel.isActive else { return }
            var buffer = context.channel.allocator.buffer(capacity: chunk.utf8.count)
            buffer.writeString(chunk)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(pause)) { sendMore() }
        }
        sendMore()
    }
}
