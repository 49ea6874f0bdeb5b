import IncidentCore

/// Why a selector from the config was refused, and at which 1-based column.
public struct SelectorError: Error, Equatable, Sendable, CustomStringConvertible {
    public var column: Int
    public var problem: String

    public init(column: Int, problem: String) {
        self.column = column
        self.problem = problem
    }

    public var description: String { "column \(column): \(problem)" }
}

/// A PromQL-style instant vector selector without functions or ranges, as a user writes it in
/// the config: `db_pool_max`, `hikaricp_connections_active{pool="primary"}`,
/// `pgbouncer_pools_server_active_connections{database="app",user!="admin"}`.
///
/// Matchers are `=`, `!=`, `=~` and `!~`; regular expressions are anchored at both ends as in
/// PromQL, and a label a series lacks reads as the empty string. `__name__` matches the metric name.
public struct MetricSelector: Sendable, Equatable, CustomStringConvertible {
    /// The metric name before the braces, if one was written.
    public let metricName: String?
    let matchers: [LabelMatcher]
    /// The selector as written.
    public let description: String

    public init(parsing text: String) throws(SelectorError) {
        var parser = SelectorParser(text)
        let parsed = try parser.selector()
        metricName = parsed.name
        matchers = parsed.matchers
        description = text
    }

    /// Whether one series is selected. Each call compiles the regular expressions anew; to
    /// test a whole scrape, use `sum(in:)`, which compiles them once.
    public func matches(_ sample: PrometheusSample) -> Bool {
        guard let compiled = try? CompiledSelector(self) else { return false }
        return compiled.matches(sample)
    }

    /// The sum of every matching series, nil when none matches.
    ///
    /// A series that appears twice in one scrape is counted once, its first value kept, as
    /// Prometheus does. NaN or opposite infinities make the sum NaN, which the caller must
    /// treat as garbage rather than a pool figure.
    public func sum(in samples: [PrometheusSample]) -> Double? {
        guard let compiled = try? CompiledSelector(self) else { return nil }
        var total: Double?
        var seen: Set<SeriesKey> = []
        for sample in samples where compiled.matches(sample) {
            guard seen.insert(SeriesKey(sample)).inserted else { continue }
            total = (total ?? 0) + sample.value
        }
        return total
    }
}

/// One `label op "value"` inside the braces.
struct LabelMatcher: Sendable, Equatable {
    enum Operation: String, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case matchesRegex = "=~"
        case doesNotMatchRegex = "!~"
    }

    let label: String
    let operation: Operation
    let value: String

    /// Regular expressions match whole values and let `.` take newlines, as in PromQL.
    static func compile(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        try Regex(pattern).dotMatchesNewlines().matchingSemantics(.unicodeScalar)
    }
}

/// The matchers with their regular expressions compiled, built for one call. `Regex` is not
/// Sendable, so a selector keeps only pattern strings and compiles them where it matches.
private struct CompiledSelector {
    private enum Test {
        case equal(String)
        case notEqual(String)
        case regex(Regex<AnyRegexOutput>, matches: Bool)

        func passes(_ value: String) -> Bool {
            switch self {
            case .equal(let expected): return value == expected
            case .notEqual(let unwanted): return value != unwanted
            case .regex(let regex, let wanted): return ((try? regex.wholeMatch(in: value)) != nil) == wanted
            }
        }
    }

    private let name: String?
    private let tests: [(label: String, test: Test)]

    init(_ selector: MetricSelector) throws {
        name = selector.metricName
        tests = try selector.matchers.map { matcher throws -> (label: String, test: Test) in
            switch matcher.operation {
            case .equal: (matcher.label, .equal(matcher.value))
            case .notEqual: (matcher.label, .notEqual(matcher.value))
            case .matchesRegex: (matcher.label, .regex(try LabelMatcher.compile(matcher.value), matches: true))
            case .doesNotMatchRegex: (matcher.label, .regex(try LabelMatcher.compile(matcher.value), matches: false))
            }
        }
    }

    func matches(_ sample: PrometheusSample) -> Bool {
        if let name, sample.name != name { return false }
        return tests.allSatisfy { label, test in
            test.passes(label == "__name__" ? sample.name : sample.labels[label] ?? "")
        }
    }
}

private struct SeriesKey: Hashable {
    let name: String
    let labels: [String: String]

    init(_ sample: PrometheusSample) {
        name = sample.name
        labels = sample.labels
    }
}
