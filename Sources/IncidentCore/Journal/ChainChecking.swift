/// One line as `verify` follows the chain: checked, or too long to hold.
enum CheckedLine: Sendable {
    case line(number: Int, length: Int, ChainLine)
    case tooLong(number: Int, length: Int)
}

extension ParallelLines where Output == CheckedLine {
    /// Each line hashed and its `prev` and `id` read (`ChainLine`) on both cores, while the
    /// calling thread follows the chain, which only it can do, since each link needs the line
    /// before. Four megabytes a batch: the job per line is lighter than decoding.
    static func checkingChain() -> ParallelLines<CheckedLine> {
        ParallelLines(batchBytes: 4 << 20) { piece in
            switch piece {
            case let .line(number, bytes): .line(number: number, length: bytes.count, ChainLine(bytes))
            case let .tooLong(number, length): .tooLong(number: number, length: length)
            }
        }
    }
}
