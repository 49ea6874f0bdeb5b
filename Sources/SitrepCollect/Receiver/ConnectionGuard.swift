import NIOCore

/// First in each connection's pipeline, on raw bytes: the deadline for headers, the cap on
/// connections sending them, and the drain after a refusal. The idle timeout restarts on every
/// byte, so alone it let a client sending a byte a second hold a connection forever.
final class ConnectionGuard: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Sent by the HTTP handler, which alone knows where a request's headers end.
    enum Progress {
        case headReceived
        /// Answered on a connection kept alive: the next byte starts the next request's headers.
        case answered
    }

    private enum Phase {
        case sendingHeaders(deadline: Scheduled<Void>)
        case inRequest
        case betweenRequests
        case draining(received: Int, deadline: Scheduled<Void>)
        case closed
    }

    private let settings: ReceiverSettings
    private let slots: HeaderSlots
    private var phase = Phase.betweenRequests
    private var inputClosed = false

    init(settings: ReceiverSettings, slots: HeaderSlots) {
        self.settings = settings
        self.slots = slots
    }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        startHeaders(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch phase {
        case .draining(let received, let deadline):
            let total = received + unwrapInboundIn(data).readableBytes
            phase = .draining(received: total, deadline: deadline)
            if total > settings.drainBytes { context.close(promise: nil) }
        case .closed:
            break
        case .betweenRequests:
            if startHeaders(context: context) { context.fireChannelRead(data) }
        case .sendingHeaders, .inRequest:
            context.fireChannelRead(data)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            inputClosed = true
            if case .draining = phase { return context.close(promise: nil) }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        leaveHeaders()
        if case .draining(_, let deadline) = phase { deadline.cancel() }
        phase = .closed
        context.fireChannelInactive()
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let progress = event as? Progress else {
            return context.triggerUserOutboundEvent(event, promise: promise)
        }
        switch (progress, phase) {
        case (.headReceived, .sendingHeaders), (.headReceived, .betweenRequests):
            leaveHeaders()
            phase = .inRequest
        case (.answered, .inRequest):
            phase = .betweenRequests
        default:
            break
        }
        promise?.succeed()
    }

    /// Closing the output after a refusal: keep reading, and dropping, what the client is still
    /// sending, so that the close does not reset the connection under the client's feet.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .output else { return context.close(mode: mode, promise: promise) }
        guard !inputClosed else { return context.close(mode: .all, promise: promise) }
        switch phase {
        case .draining, .closed:
            break
        case .sendingHeaders, .inRequest, .betweenRequests:
            leaveHeaders()
            let deadline = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(settings.drainTimeout)) {
                context.close(promise: nil)
            }
            phase = .draining(received: 0, deadline: deadline)
        }
        context.close(mode: .output, promise: promise)
    }

    /// False, with the connection closing, when too many others are sending headers already.
    @discardableResult
    private func startHeaders(context: ChannelHandlerContext) -> Bool {
        guard slots.take() else {
            phase = .closed
            context.close(promise: nil)
            return false
        }
        let deadline = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(settings.headerTimeout)) {
            context.close(promise: nil)
        }
        phase = .sendingHeaders(deadline: deadline)
        return true
    }

    private func leaveHeaders() {
        guard case .sendingHeaders(let deadline) = phase else { return }
        deadline.cancel()
        slots.release()
        phase = .betweenRequests
    }
}
