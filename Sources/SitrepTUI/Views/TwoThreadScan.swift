#if canImport(Glibc)
import Glibc
#endif

/// The positions a filter keeps, looked for on both cores: a keystroke in the filter reads every
/// entry of a long timeline, and the second core is idle while the dashboard waits for a key.
/// A thread of its own per scan, joined before returning: starting one costs tens of
/// microseconds, a scan of 400,000 entries milliseconds.
enum TwoThreadScan {
    /// Below this many positions one thread is quicker than starting another.
    static let splitFrom = 50_000

    /// `keep` applied to the first and second half of `positions` at once, its answers joined
    /// in order. Without a second thread (it could not be started) both halves run here.
    static func positions(_ positions: Range<Int>, splittingFrom minimum: Int = splitFrom,
                          _ keep: @escaping @Sendable (Range<Int>) -> [Int]) -> [Int] {
        guard positions.count >= max(2, minimum) else { return keep(positions) }
        let middle = positions.lowerBound + positions.count / 2
        let secondHalf = Job { keep(middle..<positions.upperBound) }
        let context = Unmanaged.passRetained(secondHalf).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            Unmanaged<Job>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<Job>.fromOpaque(context).release()
            return keep(positions)
        }
        var kept = keep(positions.lowerBound..<middle)
        pthread_join(thread, nil)  // orders the helper's write of `answer` before this read
        kept.append(contentsOf: secondHalf.answer)
        return kept
    }

    /// The second half's work and, once its thread has finished, its answer.
    private final class Job: @unchecked Sendable {
        private let work: @Sendable () -> [Int]
        private(set) var answer: [Int] = []

        init(_ work: @escaping @Sendable () -> [Int]) { self.work = work }

        func run() { answer = work() }
    }
}
