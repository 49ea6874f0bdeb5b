import Testing

/// Tests that block a thread while they wait (for processes, terminals, a database) run one at a
/// time, across suites and targets. Swift Testing runs tests on the cooperative pool, which has a
/// thread per core: two of these at once on a two-core machine held every async test in the other
/// targets (the collector's, with their timing) for over 30 seconds. Tests waiting their turn here
/// wait without a thread.
public struct OneAtATime: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> OneAtATime? {
        testCase == nil ? nil : self
    }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        await Self.turns.take()
        do {
            try await function()
        } catch {
            await Self.turns.give()
            throw error
        }
        await Self.turns.give()
    }

    private static let turns = Turns()
}

extension Trait where Self == OneAtATime {
    public static var oneAtATime: OneAtATime { OneAtATime() }
}

/// A turn for one test; the others queue, first come first served.
private actor Turns {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func take() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func give() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
