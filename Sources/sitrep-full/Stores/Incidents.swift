import ArgumentParser
import Foundation
import IncidentCore
import JournalPostgres
import SitrepRecording

#if canImport(Glibc)
import Glibc
#endif

struct Incidents: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "List the incidents in a PostgreSQL store, or the journal files in a folder.",
        discussion: """
            Title, severity, status, when it started and its last entry; open incidents first, \
            newest activity first. Examples: sitrep incidents -j postgresql://alice@db/incidents; \
            sitrep incidents -j /srv/incidents
            """)

    @Option(name: [.customShort("j"), .long],
            help: ArgumentHelp("A store (postgresql://USER@HOST:PORT/DATABASE) or a folder (default: $SITREP_JOURNAL's store or folder, else the current folder).",
                               valueName: "url|folder"))
    var journal: String?

    @Flag(help: "Only incidents that are not resolved.")
    var open = false

    func run() throws {
        let listings = try Self.listings(journal ?? Self.defaultPlace).filter { !open || $0.isOpen }
        guard !listings.isEmpty else { return Output.line(open ? "no open incidents" : "no incidents") }
        Output.lines(IncidentTable.lines(listings))
    }

    /// `$SITREP_JOURNAL` names one journal; its store or folder holds the others.
    static var defaultPlace: String {
        guard let given = getenv("SITREP_JOURNAL").map({ String(cString: $0) }), !given.isEmpty else { return "." }
        if let address = try? PostgresAddress.parse(given) { return address.incident("").description }
        let folder = (given as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    static func listings(_ place: String) throws -> [IncidentListing] {
        let listings: [IncidentListing]
        if JournalAddress.isStore(place) {
            let address: PostgresAddress
            do { address = try PostgresAddress.parse(place) } catch { throw CommandFailure(error.description) }
            listings = try IncidentListing.all(in: address)
        } else {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: place, isDirectory: &isFolder), isFolder.boolValue else {
                throw CommandFailure("\(SafeText.escape(place)) is not a folder: give a folder of journal files or a postgresql:// store")
            }
            listings = try IncidentListing.all(inFolder: place)
        }
        return listings.sorted { left, right in
            if left.isOpen != right.isOpen { return left.isOpen }
            return (left.lastActivity ?? .init(microseconds: 0)) > (right.lastActivity ?? .init(microseconds: 0))
        }
    }
}

/// Columns sized to what they hold, every value escaped; times in UTC as the timeline prints them.
enum IncidentTable {
    static func lines(_ listings: [IncidentListing], numbered: Bool = false) -> [String] {
        let header = ["INCIDENT", "SEVERITY", "STATUS", "STARTED (UTC)", "LAST ENTRY (UTC)", "TITLE"]
        let rows = listings.map { listing in
            [clip(listing.name, 40), clip(listing.severity ?? "-", 12), clip(listing.status ?? "undeclared", 14),
             listing.started.map(time) ?? "-", listing.lastActivity.map(time) ?? "-", clip(listing.title ?? "-", 80)]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).enumerated().map { index, row in
            let number = numbered ? (index == 0 ? "    " : String(index).leftPadded(to: 3) + " ") : ""
            return number + row.enumerated().map { column, value in
                column == row.count - 1 ? value : value.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }

    private static func time(_ moment: Timestamp) -> String {
        let civil = CivilTime(moment)
        return "\(civil.dateText) \(civil.timeText.prefix(5))"
    }

    private static func clip(_ text: String, _ limit: Int) -> String {
        let safe = SafeText.escape(text)
        return safe.count <= limit ? safe : String(safe.prefix(limit - 1)) + "…"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
