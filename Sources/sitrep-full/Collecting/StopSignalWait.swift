import IncidentCore
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

extension StopSignals {
    /// `wait` for async code: a copy of the stop pipe is read on NIO's shared event loops, so no
    /// thread blocks in poll() while `collect` or `receive` runs. Call after `install`.
    static func stopped() async -> String {
        if let received { return name(of: received) }
        // A copy, because NIO closes what it reads; the original stays StopSignals'.
        let copy = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        if copy >= 0 {
            await withCheckedContinuation { continuation in
                let wake = WakeOnce(continuation)
                NIOPipeBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(WakeOnRead(wake: wake))
                        }
                    }
                    .takingOwnershipOfDescriptor(input: copy)
                    .whenFailure { _ in wake.resume() }
            }
        }
        // No copy (out of descriptors) or no channel: the blocking wait, on NIO's pool.
        if received == nil { _ = try? await NIOThreadPool.singleton.runIfActive { wait() } }
        return name(of: received ?? SIGTERM)
    }
}

/// Resumes a waiting task once, whoever calls first.
private final class WakeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Void, Never>?>

    init(_ continuation: CheckedContinuation<Void, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume() {
        continuation.withLock { continuation in
            defer { continuation = nil }
            return continuation
        }?.resume()
    }
}

/// The stop pipe's first byte (or its end) wakes the waiter, and the copy is closed.
private final class WakeOnRead: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let wake: WakeOnce

    init(wake: WakeOnce) {
        self.wake = wake
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        wake.resume()
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        wake.resume()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
