import ArgumentParser
import Foundation
import IncidentCore
import JournalPostgres
import SitrepRecording

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a file journal into a new incident of a PostgreSQL store, byte for byte.",
        discussion: """
            Every line goes in as it is, bad lines too (still reported as bad), so the chain and \
            its head stay the same: `sitrep export` of the incident gives the file back. The \
            incident must be new. Example: sitrep import checkout.jsonl -j postgresql://alice@db/incidents#checkout
            """)

    @Argument(help: ArgumentHelp("The journal file to load.", valueName: "file"))
    var file: String

    @OptionGroup var journal: JournalOption

    func run() throws {
        guard case .postgres(let address) = try journal.location() else {
            throw CommandFailure("import loads a file into a PostgreSQL store: give -j postgresql://USER@HOST/DATABASE#INCIDENT")
        }
        let lines = try Self.lines(of: file)
        let store = try JournalLocation.openStore(address)
        let imported = try JournalLocation.failing { () throws(JournalError) -> Int in
            guard try !store.exists() else {
                throw .refused(location: store.location, reason: "incident \(SafeText.quoted(address.incident)) already has lines; "
                               + "import only into a new incident")
            }
            return try store.importLines(lines)
        }
        let head = lines.last.map { ChainHash.of($0) } ?? "(empty journal)"
        Output.line("imported \(imported) lines from \(SafeText.escape(file)) into \(store.location); head \(head)")
    }

    /// The file's lines without their newlines; bad lines are said on stderr, and kept.
    static func lines(of path: String) throws -> [[UInt8]] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read \(SafeText.escape(path))")
        }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map { [UInt8]($0) }
        if lines.last?.isEmpty == true {
            lines.removeLast()
        } else if !lines.isEmpty {
            Output.warning("\(SafeText.escape(path)):\(lines.count): unfinished last line (no newline): imported as a line")
        }
        for (index, line) in lines.enumerated() {
            let result = line.withUnsafeBytes { EventDecoder.decode($0) }
            if case .failure(let bad) = result {
                Output.warning("\(SafeText.escape(path)):\(index + 1): \(bad.reason) (imported as it is)")
            }
        }
        return lines
    }
}
