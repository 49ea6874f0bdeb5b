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
    private let channel: any Channel
    private let appends: AppendGate
    private let connections: OpenConnections

    /// Binds and starts answering, on NIO's shared event loops and thread pool. Reads the
    /// journal first, so alerts already recorded are not recorded again when Alertmanager
    /// repeats them. Blocks while it reads and binds: from async code, use `start`.
    public init(settings: ReceiverSettings, store: any JournalStore, log: @escaping @Sendable (String) -> Void) throws {
        let ledger = AlertLedger()
        if (try? store.headHash()) != nil { try ledger.seed(from: store) }
        let core = ReceiverCore(settings: settings, store: store, ledger: ledger, log: log)
        let slots = HeaderSlots(capacity: settings.maxConnectionsSendingHeaders, log: log)
        let (appends, connections) = (AppendGate(), OpenConnections())
        do {
            channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.backlog, value: 64)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                // A client that shuts its side after the request still reads the answer.
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .childChannelInitializer { channel in
                    connections.add(channel)
                    return channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        // Between requests on a kept-alive connection; headers have their own deadline.
                        try pipeline.addHandler(IdleStateHandler(readTimeout: .seconds(30)))
                        try pipeline.addHandler(ConnectionGuard(settings: settings, slots: slots))
                        try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                        try pipeline.addHandler(ReceiverHTTPHandler(core: core, appends: appends))
                    }
                }
                .bind(host: settings.host, port: settings.port)
                .wait()
        } catch {
            throw ReceiverError("cannot listen on \(settings.host):\(settings.port): \(error)")
        }
        self.settings = settings
        self.appends = appends
        self.connections = connections
        self.boundPort = channel.localAddress?.port ?? settings.port
    }

    /// `init` on NIO's shared thread pool, so reading the journal does not hold a task's thread.
    public static func start(settings: ReceiverSettings, store: any JournalStore,
                             log: @escaping @Sendable (String) -> Void) async throws -> AlertReceiver {
        try await NIOThreadPool.singleton.runIfActive { try AlertReceiver(settings: settings, store: store, log: log) }
    }

    /// Stops accepting, lets appends in progress finish (later ones are refused with a 503),
    /// then closes the connections.
    public func stop() async {
        try? await stopping().get()
    }

    /// `stop` for callers outside async code (a test fixture's deinit). Waits on NIO's loops
    /// only, never on a task, so it cannot starve the cooperative pool; never on an event loop.
    public func stop() {
        try? stopping().wait()
    }

    private func stopping() -> EventLoopFuture<Void> {
        let (loop, appends, connections) = (channel.eventLoop, self.appends, self.connections)
        return channel.close()
            .flatMapError { _ in loop.makeSucceededVoidFuture() }  // closed already: a second stop
            .flatMap { appends.close(on: loop) }
            .flatMap { connections.closeAll(on: loop) }
    }
}

public struct ReceiverError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
