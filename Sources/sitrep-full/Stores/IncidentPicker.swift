import Foundation
import IncidentCore
import JournalPostgres
import SitrepRecording

#if canImport(Glibc)
import Glibc
#endif

/// The dashboard given a store but no incident: the open incidents, numbered, and a choice typed
/// at the prompt before the screen is taken over.
enum IncidentPicker {
    static let shown = 20

    static func choose(in address: PostgresAddress) throws -> PostgresAddress {
        let everyOpen = try IncidentListing.all(in: address).filter(\.isOpen)
            .sorted { ($0.lastActivity ?? .init(microseconds: 0)) > ($1.lastActivity ?? .init(microseconds: 0)) }
        // The most recently active, so the list and its prompt fit on one screen.
        let open = Array(everyOpen.prefix(shown))
        guard !open.isEmpty else {
            throw CommandFailure("no open incidents in \(address.description): "
                                 + "`sitrep declare -j \(address.description)#NAME TITLE --severity SEV1` starts one")
        }
        let table = IncidentTable.lines(open, numbered: true)
        guard isatty(STDIN_FILENO) == 1 else {
            Output.warning((["Open incidents in \(address.description):"] + table).joined(separator: "\n"))
            throw CommandFailure("\(address.description) names no incident and nobody is here to pick one: add #INCIDENT")
        }
        let more = everyOpen.count > shown
            ? ["(\(everyOpen.count - shown) more, less recently active: `sitrep incidents --open -j \(address.description)` lists them all)"]
            : []
        Output.lines(["Open incidents in \(address.description), most recently active first:"] + table + more)
        while true {
            Output.prompt("Open which? [1-\(open.count), Enter for 1, q to quit] ")
            guard let answer = readLine()?.trimmingCharacters(in: .whitespaces), answer != "q" else {
                throw CommandFailure("no incident chosen")
            }
            if answer.isEmpty { return address.incident(open[0].name) }
            if let number = Int(answer), open.indices.contains(number - 1) { return address.incident(open[number - 1].name) }
            Output.warning("\(SafeText.escape(answer)) is not one of 1 to \(open.count)")
        }
    }
}
