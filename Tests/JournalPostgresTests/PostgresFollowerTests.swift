import Foundation
import IncidentCore
import Testing
@testable import JournalPostgres

/// Following an incident in a real PostgreSQL (the pool lab's), as dashboards on other hosts do.
@Suite(PostgresLab.needed) struct PostgresFollowerTests {
    @Test("two followers see every append of two writers, in seq order, none twice")
    func twoFollowersTwoWriters() async throws {
        try await TestDatabase.ready()
        let address = TestDatabase.address(incident: TestDatabase.incident("two-writers"))
        let first = FollowLog(try await startFollowing(address))
        let second = FollowLog(try await startFollowing(address))
        let writers = [try await TestWriter.open(address), try await TestWriter.open(address)]
        let perWriter = 100
        let written = try await withThrowingTaskGroup(of: [String].self) { group in
            for (number, writer) in writers.enumerated() {
                group.addTask {
                    var ids: [String] = []
                    for index in 0..<perWriter {
                        let event = note("note \(index)", actor: "writer-\(number)")
                        try await writer.append(event)
                        ids.append(event.id!)
                    }
                    return ids
                }
            }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        for writer in writers { await writer.close() }

        let total = 2 * perWriter
        for log in [first, second] {
            #expect(await log.read(seconds: 20) { $0.records.count >= total }, "got \(log.records.count) of \(total)")
            #expect(log.records.map(\.line) == Array(1...total), "every seq once, in order")
            for ids in written {
                // Each writer's own appends in the order it made them, nothing added or lost.
                let seen = log.records.compactMap(\.event?.id).filter(Set(ids).contains)
                #expect(seen == ids)
            }
            #expect(log.warnings.isEmpty && log.reachability.isEmpty, "\(log.updates)")
        }
        #expect(fcntl(first.follower.descriptor, F_GETFD) & FD_CLOEXEC != 0, "the descriptor is close-on-exec")
    }

    @Test("a follower started on 20,000 lines delivers them all, a page at a time, the bad line as bad")
    func twentyThousandExistingLines() async throws {
        try await TestDatabase.ready()
        let address = TestDatabase.address(incident: TestDatabase.incident("twenty-thousand"))
        let writer = try await TestWriter.open(address)
        let count = 20_000
        // In calls of 2,000: each call to a store is bounded (5 s), and a debug build encoding
        // 20,000 events in one call on a machine busy with the other tests can pass that.
        for start in stride(from: 1, through: count, by: 2_000) {
            try await writer.append((start...min(start + 1_999, count)).map { note("line \($0)") })
        }
        try await writer.appendRaw("{not json")
        await writer.close()

        let log = FollowLog(try await startFollowing(address))
        #expect(await log.read(seconds: 30) { $0.records.count >= count + 1 }, "got \(log.records.count)")
        #expect(log.records.map(\.line) == Array(1...count + 1))
        #expect(log.records.prefix(count).map(\.event?.text) == (1...count).map { "line \($0)" })
        let bad = try #require(log.records.last?.bad)
        #expect(bad.source == address.description && bad.line == count + 1)
        #expect(bad.reason.hasPrefix("not a JSON object"), "\(bad.reason)")
        #expect(log.sawBehind, "the first pages are handed out before the rest is fetched")
        #expect(!log.follower.isBehind, "caught up")
    }

    @Test("an append shows up at once, and closing lets go of the descriptor")
    func liveAppendAndClose() async throws {
        try await TestDatabase.ready()
        let address = TestDatabase.address(incident: TestDatabase.incident("live"))
        let log = FollowLog(try await startFollowing(address))
        #expect(await log.read(seconds: 5) { !$0.follower.isBehind })
        let writer = try await TestWriter.open(address)
        try await writer.append(note("first"))
        await writer.close()
        #expect(await log.read(seconds: 2) { $0.records.count == 1 })
        #expect(log.records.first?.event?.text == "first" && log.records.first?.line == 1)

        let descriptor = log.follower.descriptor
        log.follower.close()
        #expect(fcntl(descriptor, F_GETFD) == -1, "the descriptor is closed")
        #expect(log.follower.readAvailable().isEmpty)
    }
}
