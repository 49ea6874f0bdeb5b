import IncidentCore

/// One series' value from a scrape: `hikaricp_connections_active{pool="primary"} 12`.
public struct PrometheusSample: Sendable, Equatable {
    public var name: String
    public var labels: [String: String]
    public var value: Double

    public init(name: String, labels: [String: String] = [:], value: Double) {
        self.name = name
        self.labels = labels
        self.value = value
    }
}

/// Why a scrape was refused, with the 1-based line that broke it. The problem quotes the
/// offending text made safe for a terminal, since it comes from the network.
public struct ExpositionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var problem: String

    public init(line: Int, problem: String) {
        self.line = line
        self.problem = problem
    }

    public var description: String { "line \(line): \(problem)" }
}

/// The two text formats an exporter may answer in, told apart by its `Content-Type`.
public enum ExpositionFormat: Sendable, Equatable {
    /// Prometheus text, version 0.0.4: timestamps in integer milliseconds.
    case prometheusText
    /// OpenMetrics 1.0: timestamps in seconds with fractions, exemplars after ` # `, `# EOF`.
    case openMetrics

    /// What sitrep asks for, as Prometheus does: OpenMetrics first, the classic text next.
    public static let accept = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    public init(contentType: String?) {
        let type = contentType?.split(separator: ";").first.map { $0.filter { !$0.isWhitespace }.lowercased() }
        self = type == "application/openmetrics-text" ? .openMetrics : .prometheusText
    }
}

/// A strict parser for the Prometheus text exposition format, version 0.0.4, and for
/// OpenMetrics text (its timestamps in seconds, its exemplars, its closing `# EOF`).
///
/// Like Prometheus, any malformed line refuses the whole scrape: a page of garbage (an HTML
/// login page, a truncated body) must not be half-trusted as pool figures. Timestamps are
/// checked and dropped; `# HELP` and `# TYPE` are checked and otherwise ignored.
public enum PrometheusExposition {
    public static func parse(_ text: String, format: ExpositionFormat = .prometheusText) throws(ExpositionError) -> [PrometheusSample] {
        var text = text
        // withUTF8 only rethrows untyped errors, so the outcome travels out as a Result.
        return try text.withUTF8 { parseLines(of: $0, format: format) }.get()
    }

    private static func parseLines(of text: UnsafeBufferPointer<UInt8>, format: ExpositionFormat) -> Result<[PrometheusSample], ExpositionError> {
        var samples: [PrometheusSample] = []
        var state = DocumentState(format: format)
        var start = 0
        var number = 0
        while start < text.count {
            let end = endOfLine(in: text, from: start)
            number += 1
            var line = LineReader(UnsafeBufferPointer(rebasing: text[start..<end]), number: number)
            do throws(ExpositionError) {
                if let sample = try line.read(in: &state) { samples.append(sample) }
            } catch {
                return .failure(error)
            }
            start = end + 1
        }
        return .success(samples)
    }

    private static func endOfLine(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < text.count && text[end] != .newline { end += 1 }
        return end
    }
}
