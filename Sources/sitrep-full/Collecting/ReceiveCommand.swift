import ArgumentParser
import Foundation
import IncidentCore
import NIOPosix
import SitrepCollect
import SitrepRecording

struct Receive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Take alerts over HTTP (Alertmanager's webhook, or a small JSON POST) into the journal.",
        discussion: """
            POST /alertmanager: Alertmanager's webhook, version 4. Firing alerts become alerts, \
            resolved ones notes; repeats are skipped.

            POST /alert: {"text": ..., "service": ..., "level": "warning"}

            GET /healthz: answers ok.

            Listens on loopback unless told otherwise; any other address needs --token-file.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Address to listen on; port 0 picks a free one.", valueName: "host:port"))
    var listen = "127.0.0.1:7700"

    @Option(name: .long, help: ArgumentHelp("A file holding the bearer token every POST must carry.", valueName: "file"))
    var tokenFile: String?

    @Option(name: .long, help: ArgumentHelp("Largest body accepted, in bytes.", valueName: "bytes"))
    var maxBody = ReceiverSettings.defaultMaxBodyBytes

    @Option(name: .long, help: ArgumentHelp("The actor of what is recorded.", valueName: "name"))
    var actor = "alertmanager"

    @OptionGroup var journal: JournalOption

    func run() async throws {
        var settings = ReceiverSettings()
        (settings.host, settings.port) = try Self.address(listen)
        settings.token = try tokenFile.map(Self.token(from:))
        settings.maxBodyBytes = maxBody
        settings.actor = actor
        guard settings.isLoopback || settings.token != nil else {
            throw CommandFailure("listening on \(settings.host) lets anyone who reaches it write into the incident's record; give --token-file, or listen on 127.0.0.1")
        }
        guard maxBody > 0 else { throw CommandFailure("--max-body must be above 0") }
        let store = try journal.writableStore()
        StopSignals.install()
        let receiver = try await AlertReceiver.start(settings: settings, store: store, log: { Output.warning("sitrep receive: " + $0) })
        let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        let address = "http://\(host):\(receiver.boundPort)"
        // Noted first: once the line below is out, the journal already says so.
        await note("receiver started, listening on \(address) (POST /alertmanager, POST /alert)", into: store)
        Output.line("sitrep receive: listening on \(address) (POST /alertmanager, POST /alert) into \(journal.name)\(settings.token == nil ? "" : ", bearer token required")")
        let signal = await StopSignals.stopped()
        Output.warning("sitrep receive: \(signal): stopping")
        await receiver.stop()
        await note("receiver stopped (\(signal)); alerts sent from now on are not recorded", into: store)
    }

    /// As `collect` does: responders see in the timeline when alerts could and could not arrive.
    private func note(_ text: String, into store: any JournalStore) async {
        var event = Event(ts: .now(), kind: .note, actor: "receiver", text: text)
        event.markAutomated()
        let note = event
        do {
            _ = try await NIOThreadPool.singleton.runIfActive { try store.append(note) }
        } catch {
            Output.warning("sitrep receive: cannot note \"\(text)\" in \(journal.name): \(error)")
        }
    }

    static func address(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
            throw CommandFailure("--listen \(SafeText.escape(text)): expected host:port, e.g. 127.0.0.1:7700")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw CommandFailure("--listen \(SafeText.escape(text)): the host is missing, e.g. 127.0.0.1:7700") }
        return (host, port)
    }

    static func token(from path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read the token file \(path)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw CommandFailure("the token file \(path) is empty") }
        guard !token.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw CommandFailure("the token file \(path) must hold one token on one line")
        }
        return token
    }
}
