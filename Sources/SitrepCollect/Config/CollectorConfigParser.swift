import Foundation
import TOMLKit

/// Reads a collector config from TOML. Unknown keys are errors, not silently ignored: a typo in
/// `degraded_ms` during an outage should say so, not quietly use the default.
public struct CollectorConfigParser {
    /// How errors name the file: the path as the user gave it.
    let file: String
    private let text: String
    private let lines: ConfigLineFinder

    private static let topKeys = ["heartbeat", "actor", "health", "pool", "alerts"]
    private static let healthKeys = ["service", "url", "every", "timeout", "degraded_ms"]
    private static let poolKeys = ["name", "every", "timeout", "url", "in_use", "max", "waiting", "idle", "up", "command"]
    private static let alertKeys = ["pool_saturation", "pool_waiting", "service_down", "clear_margin", "clear_samples"]

    public static func load(path: String) throws(ConfigError) -> CollectorConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, problem: "cannot read the config file (does it exist?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, problem: "not UTF-8 text")
        }
        return try CollectorConfigParser(file: path, text: text).parse()
    }

    public init(file: String, text: String) {
        self.file = file
        self.text = text
        self.lines = ConfigLineFinder(text: text)
    }

    public func parse() throws(ConfigError) -> CollectorConfig {
        let root = try parseTOML(text)
        let top = Section(title: "", headerLine: nil)
        try rejectUnknownKeys(root, allowed: Self.topKeys, in: top)
        var config = CollectorConfig()
        if let heartbeat = root["heartbeat"] { config.heartbeat = try positiveDuration(heartbeat, key: "heartbeat", in: top) }
        if let actor = root["actor"] { config.actor = try nonEmptyString(actor, key: "actor", in: top) }
        if let alerts = root["alerts"] { config.alerts = try parseAlerts(alerts) }
        for (table, index) in try tables(root["health"], named: "health") {
            config.health.append(try parseHealth(table, index: index))
        }
        for (table, index) in try tables(root["pool"], named: "pool") {
            config.pools.append(try parsePool(table, index: index))
        }
        try validate(config)
        return config
    }

    private func parseTOML(_ text: String) throws(ConfigError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let position = error.source.begin
            throw ConfigError(file: file, line: position.line, problem: "column \(position.column): \(error.description)")
        } catch {
            throw ConfigError(file: file, problem: "\(error)")
        }
    }

    // MARK: Sections

    /// How errors point at one `[[kind]]` entry: by the name it gives itself, `[[pool]] "app"`,
    /// or by its place, `[[pool]] #2`, when it gives none.
    private func entrySection(_ kind: String, index: Int, nameKey: String, in table: TOMLTable) -> Section {
        let title = table[nameKey]?.string.map { "[[\(kind)]] \"\($0)\"" } ?? "[[\(kind)]] #\(index + 1)"
        return Section(title: title, headerLine: lines.header(kind, index: index))
    }

    private func parseHealth(_ table: TOMLTable, index: Int) throws(ConfigError) -> HealthCheck {
        let section = entrySection("health", index: index, nameKey: "service", in: table)
        try rejectUnknownKeys(table, allowed: Self.healthKeys, in: section)
        let service = try nonEmptyString(try required(table, "service", in: section), key: "service", in: section)
        let url = try httpURL(try required(table, "url", in: section), key: "url", in: section)
        var check = HealthCheck(service: service, url: url)
        if let every = table["every"] { check.every = try positiveDuration(every, key: "every", in: section) }
        if let timeout = table["timeout"] { check.timeout = try positiveDuration(timeout, key: "timeout", in: section) }
        if let degraded = table["degraded_ms"] {
            check.degradedMilliseconds = try positiveNumber(degraded, key: "degraded_ms", in: section)
        }
        return check
    }

    private func parsePool(_ table: TOMLTable, index: Int) throws(ConfigError) -> PoolCheck {
        let section = entrySection("pool", index: index, nameKey: "name", in: table)
        try rejectUnknownKeys(table, allowed: Self.poolKeys, in: section)
        let name = try nonEmptyString(try required(table, "name", in: section), key: "name", in: section)
        var check = PoolCheck(name: name, source: try poolSource(table, in: section))
        if let every = table["every"] { check.every = try positiveDuration(every, key: "every", in: section) }
        if let timeout = table["timeout"] { check.timeout = try positiveDuration(timeout, key: "timeout", in: section) }
        return check
    }

    private func poolSource(_ table: TOMLTable, in section: Section) throws(ConfigError) -> PoolSourceSpec {
        switch (table["url"], table["command"]) {
        case (.some, .some):
            throw error(in: section, "give either url (a Prometheus endpoint) or command, not both")
        case (nil, nil):
            throw error(in: section, "needs a source: url = a Prometheus endpoint, or command = a shell command printing JSON")
        case (nil, .some(let command)):
            for key in ["in_use", "max", "waiting", "idle", "up"] where table[key] != nil {
                throw error(in: section, key: key, "selectors go with url; a command prints in_use and max itself")
            }
            return .command(try nonEmptyString(command, key: "command", in: section))
        case (.some(let url), nil):
            let endpoint = try httpURL(url, key: "url", in: section)
            let selectors = PoolSelectors(
                inUse: try selector(try required(table, "in_use", in: section), key: "in_use", in: section),
                max: try selector(try required(table, "max", in: section), key: "max", in: section),
                waiting: try table["waiting"].map { value throws(ConfigError) in try selector(value, key: "waiting", in: section) },
                idle: try table["idle"].map { value throws(ConfigError) in try selector(value, key: "idle", in: section) },
                up: try table["up"].map { value throws(ConfigError) in try selector(value, key: "up", in: section) }
            )
            return .prometheus(url: endpoint, selectors: selectors)
        }
    }

    private func parseAlerts(_ value: TOMLValueConvertible) throws(ConfigError) -> AlertRules {
        let section = Section(title: "[alerts]", headerLine: lines.header("alerts"))
        guard let table = value.table else { throw error(in: section, "expected a table") }
        try rejectUnknownKeys(table, allowed: Self.alertKeys, in: section)
        var rules = AlertRules()
        if let value = table["pool_saturation"] {
            rules.poolSaturation = try fraction(value, key: "pool_saturation", in: section)
        }
        if let value = table["pool_waiting"] {
            rules.poolWaiting = try positiveInteger(value, key: "pool_waiting", in: section)
        }
        if let value = table["service_down"] {
            guard let flag = value.bool else { throw error(in: section, key: "service_down", "expected true or false") }
            rules.serviceDown = flag
        }
        if let value = table["clear_margin"] {
            rules.clearMargin = try fraction(value, key: "clear_margin", in: section)
        }
        if let value = table["clear_samples"] {
            rules.clearSamples = try positiveInteger(value, key: "clear_samples", in: section)
        }
        return rules
    }

    private func validate(_ config: CollectorConfig) throws(ConfigError) {
        if config.health.isEmpty && config.pools.isEmpty {
            throw ConfigError(file: file, problem: "nothing to watch: add a [[health]] or [[pool]] section (see README, \"Watching real systems\")")
        }
        try rejectDuplicates(config.health.map(\.service), section: "health", key: "service")
        try rejectDuplicates(config.pools.map(\.name), section: "pool", key: "name")
    }

    private func rejectDuplicates(_ names: [String], section: String, key: String) throws(ConfigError) {
        var seen = Set<String>()
        for (index, name) in names.enumerated() where !seen.insert(name).inserted {
            let header = lines.header(section, index: index)
            throw ConfigError(file: file, line: lines.key(key, inSectionAt: header),
                              problem: "[[\(section)]] \"\(name)\": \(key) \"\(name)\" is used twice; each must be unique")
        }
    }
}

// MARK: - Values

extension CollectorConfigParser {
    /// Where in the file a value sits, for messages.
    struct Section {
        let title: String
        let headerLine: Int?
    }

    private func tables(_ value: TOMLValueConvertible?, named name: String) throws(ConfigError) -> [(TOMLTable, Int)] {
        guard let value else { return [] }
        guard let array = value.array else {
            throw ConfigError(file: file, line: lines.header(name), problem: "\(name): write each one as a [[\(name)]] section")
        }
        var tables: [(TOMLTable, Int)] = []
        for (index, element) in array.enumerated() {
            guard let table = element.table else {
                throw ConfigError(file: file, line: lines.header(name, index: index), problem: "[[\(name)]] #\(index + 1): expected a table")
            }
            tables.append((table, index))
        }
        return tables
    }

    private func rejectUnknownKeys(_ table: TOMLTable, allowed: [String], in section: Section) throws(ConfigError) {
        for key in table.keys where !allowed.contains(key) {
            throw error(in: section, key: key, "unknown key; expected one of \(allowed.joined(separator: ", "))")
        }
    }

    private func required(_ table: TOMLTable, _ key: String, in section: Section) throws(ConfigError) -> TOMLValueConvertible {
        guard let value = table[key] else { throw error(in: section, "\(key) is missing") }
        return value
    }

    private func nonEmptyString(_ value: TOMLValueConvertible, key: String, in section: Section) throws(ConfigError) -> String {
        guard let text = value.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error(in: section, key: key, "expected a non-empty string")
        }
        return text
    }

    private func httpURL(_ value: TOMLValueConvertible, key: String, in section: Section) throws(ConfigError) -> URL {
        let text = try nonEmptyString(value, key: key, in: section)
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host != nil else {
            throw error(in: section, key: key, "\"\(text)\" is not an http:// or https:// URL")
        }
        return url
    }

    private func duration(_ value: TOMLValueConvertible, key: String, in section: Section) throws(ConfigError) -> Duration {
        guard let text = value.string, let duration = DurationSetting.parse(text) else {
            throw error(in: section, key: key, "expected a duration in quotes such as \"500ms\", \"5s\", \"1m\" or \"1h\" (a year at most)")
        }
        return duration
    }

    private func positiveDuration(_ value: TOMLValueConvertible, key: String, in section: Section) throws(ConfigError) -> Duration {
        let duration = try duration(value, key: key, in: section)
        guard duration >= .milliseconds(10) else { throw error(in: section, key: key, "must be at least 10ms") }
        return duration
    }

    private func number(_ value: TOMLValueConvertible, key: String, in section: Section) throws(ConfigError) -> Double {
        if let integer = value.int { return Double(integer) }
        if let double = value.double { return double }
        throw error(in: section, key: key, "expected a number")
    }

    private func positiveNumber(_ value: TOMLValueConvertible, key: String, in section: Section) throws(ConfigError) -> Double {
        let number = try number(value, key: key, in: section)
        guard number > 0, number.isFinite else { throw error(in: section, key: key, "must be above 0") }
        return number
    }

    private func fraction(_ value: TOMLValueConvertible, key: String, in section: Section) throws(ConfigError) -> Double {
        let number = try number(value, key: key, in: section)
        guard number > 0, number <= 1 else { throw error(in: section, key: key, "must be above 0 and at most 1 (0.9 means 90%)") }
        return number
    }

    private func positiveInteger(_ value: TOMLValueConvertible, key: String, in section: Section) throws(ConfigError) -> Int {
        guard let integer = value.int, integer >= 1 else { throw error(in: section, key: key, "expected a whole number, 1 or more") }
        return integer
    }

    private func selector(_ value: TOMLValueConvertible, key: String, in section: Section) throws(ConfigError) -> MetricSelector {
        let text = try nonEmptyString(value, key: key, in: section)
        do {
            return try MetricSelector(parsing: text)
        } catch {
            throw self.error(in: section, key: key, "\(error)")
        }
    }

    private func error(in section: Section, key: String? = nil, _ problem: String) -> ConfigError {
        let line = key.map { lines.key($0, inSectionAt: section.headerLine) } ?? section.headerLine
        let place = [section.title, key].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: ": ")
        return ConfigError(file: file, line: line, problem: place.isEmpty ? problem : "\(place): \(problem)")
    }
}
