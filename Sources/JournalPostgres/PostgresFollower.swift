import IncidentCore
import PostgresNIO

/// Follows one incident in PostgreSQL as `FileJournalFollower` follows a file: the same records,
/// with each row's `seq` as its line number, through a descriptor the dashboard's `poll()` waits on.
///
/// The network is the background's (`StoreWatcher`): `readAvailable` only takes what it fetched,
/// so the dashboard never waits on the store, whether it is slow, far away or gone.
public final class PostgresFollower: JournalFollowing {
    public let address: PostgresAddress
    public var descriptor: Int32 { inbox.descriptor }
    public private(set) var isBehind = false
    private let inbox: FollowInbox
    private let task: Task<Void, Never>

    /// How many bytes of lines one `readAvailable` hands out at most, as a file follower reads.
    static let readLimit = 4 << 20
    /// While the first pages are on their way, `readAvailable` waits this long for them rather
    /// than return nothing to a caller that would call again at once.
    static let loadingWaitMilliseconds: Int32 = 100

    init(address: PostgresAddress, connector: StoreConnector, firstConnection: PostgresConnection,
         copy: LocalCopyWriter? = nil, firstWarning: String? = nil) {
        self.address = address
        let inbox = FollowInbox(highWater: FetchedPage.size)
        self.inbox = inbox
        if let firstWarning { inbox.push(.warning(firstWarning)) }
        let watcher = StoreWatcher(address: address, connector: connector, inbox: inbox, copy: copy)
        task = Task(executorPreference: EventLoopTaskExecutor(firstConnection.eventLoop)) {
            await watcher.run(firstConnection: firstConnection)
        }
    }

    deinit { close() }

    /// Stops the background work, which closes its connection, and closes the descriptor.
    public func close() {
        task.cancel()
        inbox.close()
    }

    public func readAvailable() -> [FollowUpdate] {
        var taken = inbox.take(byteLimit: Self.readLimit)
        if taken.updates.isEmpty && taken.loading {
            inbox.wait(timeoutMilliseconds: Self.loadingWaitMilliseconds)
            taken = inbox.take(byteLimit: Self.readLimit)
        }
        // Still loading counts as behind: `timeline -f` prints the journal as it stands only once
        // it has all of it, and the dashboard keeps answering keys in between.
        isBehind = taken.more || taken.loading
        return taken.updates
    }

    public func wait(timeoutMilliseconds: Int32) {
        inbox.wait(timeoutMilliseconds: timeoutMilliseconds)
    }
}
