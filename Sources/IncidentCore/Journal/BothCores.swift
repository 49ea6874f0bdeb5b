/// Fork-join on the two cores for the terminal's and the reading commands' long loops: a job on a
/// helper thread of its own while the caller does its share, both done when this returns.
package enum BothCores {
    /// Runs `here` on this thread and `there` on a helper thread at once; returns `there`'s result.
    package static func run<Result: Sendable>(_ here: () -> Void, alongside there: @escaping @Sendable () -> Result) -> Result {
        let answer = Answer<Result>()
        let helper = HelperThread()
        defer { helper.stop() }
        helper.run({ answer.value = there() }, alongside: here)
        return answer.value!
    }

    /// Set by the helper thread's job, read after `run` has joined it.
    private final class Answer<Value>: @unchecked Sendable {
        var value: Value?
    }
}
