import Foundation
import IncidentCore

/// A pool read by a shell command that prints one JSON object, e.g. `{"in_use":3,"max":3,"waiting":17}`:
/// anything that can be asked from a shell (PgBouncer's `SHOW POOLS`, a JMX query) becomes a source.
/// The command runs with `/bin/sh -c` in the collector's working directory.
public struct CommandPoolSource: PoolSource {
    public let command: String
    public let timeout: Duration

    public init(command: String, timeout: Duration) {
        self.command = command
        self.timeout = timeout
    }

    public func read() async throws(PoolSourceError) -> PoolReading {
        let outcome: ShellCommand.Outcome
        switch await ShellCommand.run(command, timeout: timeout) {
        case .failure(.timedOut): throw PoolSourceError("command did not finish within \(DurationSetting.text(timeout)); killed")
        case .failure(.tooMuchOutput):
            throw PoolSourceError("command printed more than \(ShellCommand.outputLimit / 1024) KiB; killed")
        case .failure(.cancelled): throw PoolSourceError("stopped")
        case .failure(.cannotStart(let reason)): throw PoolSourceError(reason)
        case .success(let finished): outcome = finished
        }
        guard outcome.status == 0 else {
            let said = Self.firstLine(outcome.errorOutput) ?? Self.firstLine(outcome.output) ?? "nothing on stderr"
            throw PoolSourceError("command exited with status \(outcome.status): \(said)")
        }
        return try Self.reading(fromJSON: outcome.output)
    }

    private struct Printed: Decodable {
        var in_use: Double
        var max: Double
        var waiting: Double?
        var idle: Double?
    }

    static func reading(fromJSON output: Data) throws(PoolSourceError) -> PoolReading {
        let printed: Printed
        do {
            printed = try JSONDecoder().decode(Printed.self, from: output)
        } catch DecodingError.keyNotFound(let key, _) {
            throw PoolSourceError("command printed no \(key.stringValue): \(quote(output))")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let key = context.codingPath.last?.stringValue ?? "a value"
            throw PoolSourceError("command printed \(key) that is not a number: \(quote(output))")
        } catch {
            throw PoolSourceError("command printed \(quote(output)), not one JSON object with in_use and max")
        }
        return try PoolReading.validated(inUse: printed.in_use, max: printed.max, waiting: printed.waiting, idle: printed.idle)
    }

    private static func firstLine(_ data: Data) -> String? {
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        return SafeText.escape(String(line.prefix(200)))
    }

    /// What a command printed, safe to show and short enough for one line.
    private static func quote(_ data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "nothing" : SafeText.quoted(text, limit: 120)
    }
}
