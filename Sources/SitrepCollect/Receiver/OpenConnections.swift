import NIOCore
import Synchronization

/// The receiver's connections, so that stopping closes them: on NIO's shared event loops they
/// no longer end with a loop group of the receiver's own.
final class OpenConnections: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    func add(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        channels.withLock { $0[key] = channel }
        channel.closeFuture.whenComplete { [self] _ in _ = channels.withLock { $0.removeValue(forKey: key) } }
    }

    /// Closes every connection still open; succeeds once each has closed.
    func closeAll(on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        let open = channels.withLock { Array($0.values) }
        for channel in open { channel.close(promise: nil) }
        return EventLoopFuture.andAllComplete(open.map(\.closeFuture), on: eventLoop)
    }
}
