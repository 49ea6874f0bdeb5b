import Foundation
import IncidentCore
import JournalPostgres
import SitrepRecording

/// One line of `sitrep incidents`, and one choice of the dashboard's picker.
struct IncidentListing {
    let name: String
    /// How to open it: a path, or the store's address with this incident after `#`.
    let journal: String
    let title: String?
    let severity: String?
    let status: String?
    let started: Timestamp?
    let lastActivity: Timestamp?

    var isOpen: Bool { status != IncidentStatus.resolved.rawValue }

    init(name: String, journal: String, state: IncidentState, started: Timestamp?, lastActivity: Timestamp?) {
        self.name = name
        self.journal = journal
        title = state.title
        severity = state.severity
        status = state.status
        self.started = state.milestones.impactStart ?? state.milestones.declared ?? started
        self.lastActivity = lastActivity
    }

    /// Every incident in a store, from the lines that set title, severity and status.
    static func all(in address: PostgresAddress) throws -> [IncidentListing] {
        let stored = try JournalLocation.failing { () throws(JournalError) in
            try PostgresJournal.incidents(at: address, connector: StoreConnector(address: address))
        }
        return stored.map { incident in
            var state = IncidentState(options: FoldOptions(keepsTimeline: false))
            for event in incident.milestones { state.apply(event) }
            return IncidentListing(name: incident.name, journal: address.incident(incident.name).description, state: state,
                                   started: incident.firstTime, lastActivity: incident.lastTime)
        }
    }

    /// Every `*.jsonl` journal in a folder, each folded whole.
    static func all(inFolder folder: String) throws -> [IncidentListing] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".jsonl") }.sorted()
        } catch {
            throw CommandFailure("cannot list \(SafeText.escape(folder)): \(error.localizedDescription)")
        }
        return names.compactMap { name in
            let path = folder == "." ? name : (folder as NSString).appendingPathComponent(name)
            // A journal that cannot be read is said, and the others are still listed.
            do {
                let state = try IncidentState.fold(FileJournal(path: path), options: FoldOptions(keepsTimeline: false))
                return IncidentListing(name: String(name.dropLast(".jsonl".count)), journal: path, state: state,
                                       started: state.firstEventAt, lastActivity: state.lastEventAt)
            } catch {
                Output.warning("sitrep: \(error)")
                return nil
            }
        }
    }
}
