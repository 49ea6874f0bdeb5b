import Foundation
import IncidentCore
import NIOCore
import NIOHTTP1
import Synchronization

/// What the receiver does with a request, apart from the bytes on the wire: route, check the
/// token, turn the body into events, append them. Shared by every connection.
final class ReceiverCore: Sendable {
    enum Route: Sendable, Equatable { case alertmanager, simple, health }

    enum Decision: Sendable { case accept(Route), refuse(Response) }

    struct Response: Sendable {
        var status: HTTPResponseStatus
        var text: String
        var headers: [(String, String)] = []
    }

    let settings: ReceiverSettings
    let bodies: BodyBudget
    private let store: any JournalStore
    private let ledger: AlertLedger
    private let log: @Sendable (String) -> Void
    /// When the journal last said that alerts were refused as too large.
    private let lastUnheardNote = Mutex<ContinuousClock.Instant?>(nil)

    init(settings: ReceiverSettings, store: any JournalStore, ledger: AlertLedger, log: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.bodies = BodyBudget(limit: settings.bodyBudget)
        self.store = store
        self.ledger = ledger
        self.log = log
    }

    /// Decided from the head alone, so a refused body is never read.
    func route(_ head: HTTPRequestHead) -> Decision {
        let route: Route
        switch Self.path(of: head) {
        case "/alertmanager": route = .alertmanager
        case "/alert": route = .simple
        case "/healthz": route = .health
        default: return .refuse(Response(status: .notFound, text: "no such path; POST to /alertmanager or /alert"))
        }
        if route == .health {
            guard head.method == .GET || head.method == .HEAD else {
                return .refuse(Response(status: .methodNotAllowed, text: "use GET", headers: [("Allow", "GET, HEAD")]))
            }
            // It skips the token check, so it must not be a way to make the receiver hold a body.
            let declaredLength = head.headers["Content-Length"].first.flatMap(Int.init) ?? 0
            guard declaredLength == 0, !head.headers.contains(name: "Transfer-Encoding") else {
                return .refuse(Response(status: .badRequest, text: "GET /healthz takes no body"))
            }
            return .accept(route)
        }
        guard head.method == .POST else {
            return .refuse(Response(status: .methodNotAllowed, text: "use POST", headers: [("Allow", "POST")]))
        }
        if let token = settings.token, !BearerToken.matches(head.headers["Authorization"].first, token: token) {
            return .refuse(Response(status: .unauthorized, text: "missing or wrong bearer token; nothing written",
                                     headers: [("WWW-Authenticate", "Bearer")]))
        }
        if let length = head.headers["Content-Length"].first.flatMap(Int.init), length > settings.maxBodyBytes {
            return .refuse(tooLarge)
        }
        return .accept(route)
    }

    /// The path without its query string, which may carry anything a sender put there.
    static func path(of head: HTTPRequestHead) -> String {
        head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
    }

    /// Whether a refusal of this request means alerts went unheard (and not a health probe's).
    func carriesAlerts(_ head: HTTPRequestHead) -> Bool {
        head.method == .POST && ["/alertmanager", "/alert"].contains(Self.path(of: head))
    }

    var tooLarge: Response {
        Response(status: .payloadTooLarge, text: "body over \(settings.maxBodyBytes) bytes; nothing written")
    }

    var tooLargeUnheard: String {
        "over \(settings.maxBodyBytes) bytes was refused (413); raise sitrep receive --max-body, "
            + "or lower Alertmanager's max_alerts"
    }

    static let eventTooLargeUnheard = "holding an alert over the journal's line limit was refused (413); "
        + "shorten the alert's annotations"

    /// One line on stderr for every refused request: whoever set up the sender learns why it
    /// is not heard, and a flood of 401s from a misconfigured one shows.
    func reportRefusal(_ response: Response, of head: HTTPRequestHead, from peer: SocketAddress?) {
        let path = AlertPayloads.clip(Self.path(of: head), to: 120)
        let sender = peer?.ipAddress ?? "an unknown address"
        log(SafeText.escape("refused \(head.method.rawValue) \(path) from \(sender): \(response.status.code) \(response.text)"))
    }

    /// Runs on the thread pool, after a 413 to an authenticated sender: Alertmanager takes a 4xx
    /// as final and never sends those alerts again, so the journal must say that monitoring
    /// spoke and was not heard. At most once a minute: a sender retrying must not flood it.
    /// `why` ends "... was refused (413)".
    func recordUnheard(_ head: HTTPRequestHead, why: String) {
        let now = ContinuousClock.now
        let due = lastUnheardNote.withLock { last -> Bool in
            if let last, now - last < .seconds(60) { return false }
            last = now
            return true
        }
        guard due else { return }
        let path = AlertPayloads.clip(Self.path(of: head), to: 120)
        var note = Event(ts: .now(), kind: .note, actor: settings.actor, text: "monitoring spoke and was not heard: "
            + "a POST to \(path) \(why), and its alerts are not in this journal")
        note.markAutomated()
        do {
            try store.append(note)
        } catch {
            log(SafeText.escape("cannot append to \(store.location): \(error)"))
        }
    }

    var busy: Response {
        Response(status: .serviceUnavailable, text: "busy: \(bodies.limit) bytes of alerts are being received at once; "
            + "nothing written, retry")
    }

    var tooSlow: Response {
        Response(status: .requestTimeout, text: "the body did not arrive within \(settings.bodyTimeout.components.seconds) s; nothing written")
    }

    /// Runs on a thread pool: the append waits for the journal's lock and `fsync`.
    func handle(_ route: Route, body: Data) -> Response {
        let now = Timestamp.now()
        let events: [Event]
        do {
            switch route {
            case .health: return Response(status: .ok, text: "ok")
            case .alertmanager: events = try AlertPayloads.alertmanager(body, actor: settings.actor, now: now)
            case .simple: events = [try AlertPayloads.simple(body, actor: settings.actor, now: now)]
            }
        } catch {
            return Response(status: .badRequest, text: "\(error.reason); nothing written")
        }
        let fresh = ledger.claimNew(events)
        guard !fresh.isEmpty else {
            return Response(status: .ok, text: "nothing new: \(events.count) already recorded")
        }
        do {
            try store.appendAll(fresh)
        } catch .eventTooLarge(let bytes, let limit) {
            ledger.release(fresh)
            // Not 5xx: a retry of the same payload could never succeed.
            return Response(status: .payloadTooLarge, text: "an alert would be \(bytes) bytes, over the journal's \(limit)-byte line limit; nothing written")
        } catch {
            ledger.release(fresh)
            // The path and the error's text may carry anything; stderr is a responder's terminal.
            log(SafeText.escape("cannot append \(fresh.count) events to \(store.location): \(error)"))
            // 5xx: Alertmanager retries, and the alerts are not lost.
            return Response(status: .serviceUnavailable, text: "not recorded: cannot append to the journal: \(error)")
        }
        let skipped = events.count - fresh.count
        return Response(status: .ok, text: "recorded \(fresh.count)" + (skipped > 0 ? " (\(skipped) already recorded)" : ""))
    }
}

enum BearerToken {
    /// Compares in time that does not depend on where the first wrong byte is.
    static func matches(_ header: String?, token: String) -> Bool {
        // The scheme is case-insensitive (RFC 9110); the token is not.
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return false }
        let given = Array(header.dropFirst(7).utf8)
        let expected = Array(token.utf8)
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}
