import IncidentCore
import NIOCore
import PostgresNIO

extension PostgresJournal {
    /// Lines are fetched this many at a time: a million-line incident is never held whole.
    static let pageRows = 5_000

    /// Every line decoded as a file's reader decodes it, numbered by `seq` (a file's line numbers).
    @discardableResult
    public func read(_ visit: (JournalRecord) -> Void) throws(JournalError) -> ReadStatistics {
        var statistics = ReadStatistics()
        let source = location
        try forEachLine { number, line in
            let record = line.withUnsafeReadableBytes { bytes in Self.record(bytes, number: number, source: source) }
            statistics.lines += 1
            switch record {
            case .event: statistics.events += 1
            case .bad: statistics.badLines += 1
            }
            visit(record)
        }
        return statistics
    }

    /// Every line's exact bytes, in order, numbered from 1: what export writes and verify checks.
    public func readLines(_ visit: (_ number: Int, _ bytes: [UInt8]) -> Void) throws(JournalError) {
        try forEachLine { number, line in visit(number, Array(line.readableBytesView)) }
    }

    /// The SHA-256 of the last line, nil while the incident has none.
    public func headHash() throws(JournalError) -> String? {
        try requireIncident()
        let incident = self.incident
        let last = try session.run { connection in
            try await connection.value(IncidentLookups.lastLine(incident: incident), as: ByteBuffer.self)
        }
        return last.map { line in line.withUnsafeReadableBytes { ChainHash.of($0) } }
    }

    /// Pages through the incident by `seq`. A line appended while this runs is read when it
    /// lands before the last page; the sequence numbers are handed out under the incident's
    /// lock and committed in order, so no line is ever skipped or read twice.
    func forEachLine(_ visit: (Int, ByteBuffer) -> Void) throws(JournalError) {
        try requireIncident()
        let incident = self.incident
        var after: Int64 = 0
        while true {
            let start = after
            let page = try session.run { connection in
                try await Self.page(of: incident, after: start, on: connection)
            }
            for (seq, line) in page { visit(Int(seq), line) }
            guard page.count == Self.pageRows, let last = page.last else { return }
            after = last.seq
        }
    }

    /// One page of lines after `seq`, in order.
    static func page(of incident: String, after seq: Int64, on connection: PostgresConnection) async throws
        -> [(seq: Int64, line: ByteBuffer)]
    {
        let rows = try await connection.query("""
            SELECT seq, line FROM sitrep.events WHERE incident = \(incident) AND seq > \(seq)
            ORDER BY seq LIMIT \(pageRows)
            """, logger: StoreSession.logger)
        var page: [(seq: Int64, line: ByteBuffer)] = []
        page.reserveCapacity(pageRows)
        for try await (seq, line) in rows.decode((Int64, ByteBuffer).self) { page.append((seq, line)) }
        return page
    }

    /// The file reader's verdict on a line, its too-long limit included.
    static func record(_ bytes: UnsafeRawBufferPointer, number: Int, source: String) -> JournalRecord {
        guard bytes.count <= LineSplitter.maximumLineLength else {
            return .bad(BadLine(source: source, line: number,
                                reason: "line is \(bytes.count) bytes, over the reader's \(LineSplitter.maximumLineLength)-byte limit"))
        }
        switch EventDecoder.decode(bytes) {
        case .success(let event): return .event(event, line: number)
        case .failure(let bad): return .bad(BadLine(source: source, line: number, reason: bad.reason))
        }
    }
}
