import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One connection's requests, one at a time: the head decides whether the body is read at all,
/// the body is gathered up to the size limit, and the answer goes out once the events are
/// durable in the journal (or were refused).
final class ReceiverHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case waitingForHead
        case reading(ReceiverCore.Route, HTTPRequestHead, ByteBuffer)
        /// Answered already and closing: nothing more on this connection is read, not even a
        /// request pipelined behind the refused one, whose sender only ever sees the refusal.
        case refused
        case handling
    }

    private let core: ReceiverCore
    private let appends: AppendGate
    private var state = State.waitingForHead
    private var bodyDeadline: Scheduled<Void>?
    /// The client has sent all it will (it shut its side): answer, then close.
    private var inputClosed = false
    /// Who is sending, for the log: read while the connection is surely open, since a client
    /// that has its answer may close before the refusal is logged.
    private var sender: SocketAddress?
    /// Bytes of this connection's body counted in the receiver's budget, until it is handled.
    private var reserved = 0

    init(core: ReceiverCore, appends: AppendGate) {
        self.core = core
        self.appends = appends
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): receiveHead(head, context: context)
        case .body(var chunk): receiveBody(&chunk, context: context)
        case .end: receiveEnd(context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // A client that opens a connection and says nothing must not hold it forever.
        if event is IdleStateHandler.IdleStateEvent { context.close(promise: nil) }
        if case ChannelEvent.inputClosed = event {
            inputClosed = true
            // A request being appended is still answered; one cut short never will be complete.
            switch state {
            case .waitingForHead, .reading: context.close(promise: nil)
            case .handling, .refused: break
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        bodyDeadline?.cancel()
        // A body being decoded still takes its memory; its completion gives the bytes back.
        if case .handling = state {} else { releaseBody() }
        context.fireChannelInactive()
    }

    private func receiveHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        guard case .waitingForHead = state else { return }
        context.triggerUserOutboundEvent(ConnectionGuard.Progress.headReceived, promise: nil)
        if sender == nil { sender = context.remoteAddress }
        switch core.route(head) {
        case .refuse(let response):
            refuse(response, to: head, context: context)
        case .accept(let route):
            state = .reading(route, head, context.channel.allocator.buffer(capacity: 0))
            bodyDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(core.settings.bodyTimeout)) {
                guard case .reading = self.state else { return }
                self.refuse(self.core.tooSlow, to: head, context: context)
            }
        }
    }

    /// Answered and closing: the guard keeps reading, and dropping, what is still on its way.
    private func refuse(_ response: ReceiverCore.Response, to head: HTTPRequestHead, context: ChannelHandlerContext) {
        bodyDeadline?.cancel()
        releaseBody()
        state = .refused
        core.reportRefusal(response, of: head, from: sender)
        respond(response, keepAlive: false, context: context)
        if response.status == .payloadTooLarge, core.carriesAlerts(head) {
            // Only a sender that passed the token check gets here: the journal says it went unheard.
            recordUnheard(head, why: core.tooLargeUnheard, context: context)
        }
    }

    private func receiveBody(_ chunk: inout ByteBuffer, context: ChannelHandlerContext) {
        guard case .reading(let route, let head, var body) = state else { return }
        guard body.readableBytes + chunk.readableBytes <= core.settings.maxBodyBytes else {
            return refuse(core.tooLarge, to: head, context: context)
        }
        guard core.bodies.reserve(chunk.readableBytes) else { return refuse(core.busy, to: head, context: context) }
        reserved += chunk.readableBytes
        body.writeBuffer(&chunk)
        state = .reading(route, head, body)
    }

    private func receiveEnd(context: ChannelHandlerContext) {
        guard case .reading(let route, let head, let body) = state else { return }
        bodyDeadline?.cancel()
        state = .handling
        let core = self.core
        let bytes = Data(body.readableBytesView)
        appends.run(eventLoop: context.eventLoop) { core.handle(route, body: bytes) }
            .assumeIsolated()
            .whenComplete { result in
                self.releaseBody()
                self.state = .waitingForHead
                switch result {
                case .success(let response):
                    self.respond(response, keepAlive: head.isKeepAlive && !self.inputClosed, context: context)
                    if response.status.code >= 400 { core.reportRefusal(response, of: head, from: self.sender) }
                    if response.status == .payloadTooLarge {
                        self.recordUnheard(head, why: ReceiverCore.eventTooLargeUnheard, context: context)
                    }
                case .failure: self.respond(.init(status: .serviceUnavailable, text: "shutting down; nothing written"),
                                            keepAlive: false, context: context)
                }
            }
    }

    private func recordUnheard(_ head: HTTPRequestHead, why: String, context: ChannelHandlerContext) {
        let core = self.core
        _ = appends.run(eventLoop: context.eventLoop) { core.recordUnheard(head, why: why) }
    }

    private func releaseBody() {
        core.bodies.release(reserved)
        reserved = 0
    }

    private func respond(_ response: ReceiverCore.Response, keepAlive: Bool, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: response.text.utf8.count + 1)
        buffer.writeString(response.text + "\n")
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(buffer.readableBytes))
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        guard !keepAlive else {
            return context.triggerUserOutboundEvent(ConnectionGuard.Progress.answered, promise: nil)
        }
        // Only our side: a client still sending would get a reset, not this answer, if we
        // closed with its bytes unread. The guard drains them, then closes.
        written.assumeIsolated().whenComplete { _ in context.close(mode: .output, promise: nil) }
    }
}
