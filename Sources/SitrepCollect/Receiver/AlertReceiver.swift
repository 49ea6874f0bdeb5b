import IncidentCore
import NIOCore
import NIOHTTP1
import NIOPosix

/// `sitrep receive`: an HTTP endpoint on which Alertmanager (POST /alertmanager) and scripts
/// (POST /alert) write alerts into the journal. GET /healthz answers `ok` for a load balancer.
public final class AlertReceiver: Sendable {
    public let settings: ReceiverSettings
    /// The port actually bound: the one asked for, or the one the system chose for port 0.
    public let boundPort: Int
    private let group: MultiThreadedEventLoopGroup
    private let appender: NIOThreadPool
    private let channel: any Channel

    /// Binds and starts answering. Reads the journal first, so alerts already recorded are not
    /// recorded again when Alertmanager repeats them.
    public init(settings: ReceiverSettings, store: any JournalStore, log: @escaping @Sendable (String) -> Void) throws {
        let ledger = AlertLedger()
        if (try? store.headHash()) != nil { try ledger.seed(from: store) }
        let core = ReceiverCore(settings: settings, store: store, ledger: ledger, log: log)
        let slots = HeaderSlots(capacity: settings.maxConnectionsSendingHeaders, log: log)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let appender = NIOThreadPool(numberOfThreads: 1)
        appender.start()
        do {
            channel = try ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 64)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                // A client that shuts its side after the request still reads the answer.
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        // Between requests on a kept-alive connection; headers have their own deadline.
                        try pipeline.addHandler(IdleStateHandler(readTimeout: .seconds(30)))
                        try pipeline.addHandler(ConnectionGuard(settings: settings, slots: slots))
                        try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                        try pipeline.addHandler(ReceiverHTTPHandler(core: core, appender: appender))
                    }
                }
                .bind(host: settings.host, port: settings.port)
                .wait()
        } catch {
            try? appender.syncShutdownGracefully()
            try? group.syncShutdownGracefully()
            throw ReceiverError("cannot listen on \(settings.host):\(settings.port): \(error)")
        }
        self.settings = settings
        self.group = group
        self.appender = appender
        self.boundPort = channel.localAddress?.port ?? settings.port
    }

    /// Stops accepting, lets appends in progress finish, and releases the threads.
    public func stop() {
        try? channel.close().wait()
        try? appender.syncShutdownGracefully()
        try? group.syncShutdownGracefully()
    }
}

public struct ReceiverError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
