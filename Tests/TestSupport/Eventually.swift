import Foundation

/// Checks `condition` every `pause` seconds until it holds or `seconds` pass, then once more.
/// Tests wait on what they expect to see, never on a sleep of a guessed length; the limit only
/// ends a test that would otherwise hang.
///
/// Disfavoured so that an async test gets the overload below, which gives its thread back while
/// it waits, even when its condition is synchronous.
@_disfavoredOverload
public func eventually(seconds: Double, every pause: Double = 0.05, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: pause)
    }
    return try condition()
}

/// The same for async tests: the pause gives the thread back, since these suites share the
/// cooperative pool's few threads with tests that block them.
public func eventually(seconds: Double, every pause: Double = 0.05,
                       _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(Int(pause * 1000)))
    }
    return try await condition()
}
