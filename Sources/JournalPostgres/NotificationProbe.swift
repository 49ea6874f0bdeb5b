import IncidentCore
import PostgresNIO

extension StoreWatcher {
    /// Whether a notification sent by another session reaches this one, checked right after
    /// LISTEN while this connection runs nothing.
    ///
    /// Through a pooler in transaction mode, a client between transactions has no server
    /// connection, so nothing can be delivered to it and the probe never arrives: the answer is
    /// no, as it should be. A NOTIFY sent on the listening connection itself would prove nothing:
    /// the pooler hands it to the same server session that ran LISTEN, which answers its own
    /// notification within that very statement, so it would arrive through any pooler.
    ///
    /// `probes` carries the payloads of probe notifications; `said` is where the sender adds
    /// whether it failed or its notification is late, so no wait here hangs on the network.
    func notificationsArrive(_ probes: AsyncStream<String>, said: AsyncStream<String>.Continuation) async -> Bool {
        let token = "probe " + String(UInt64.random(in: .min ... .max), radix: 16)
        let late = "late " + token
        // Not a child: a pooler that queues the NOTIFY must not hold this session up.
        Task {
            let sent = await sendProbe(token)
            if sent { try? await Task.sleep(for: Self.probeWait) }
            said.yield(late)
        }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await payload in probes {
                    if payload == token { return true }
                    if payload == late { return false }
                }
                return false
            }
            group.addTask {
                // A connection the pooler never serves: give up when a connect would have.
                try? await Task.sleep(for: StoreConnector.connectTimeout + Self.probeWait)
                return false
            }
            let answer = await group.next() ?? false
            group.cancelAll()
            return answer
        }
    }

    /// Sends the probe from a connection of its own; false if it could not be sent (polling is
    /// then the safe side).
    private func sendProbe(_ token: String) async -> Bool {
        guard let other = try? await connector.connect() else { return false }
        let sent = (try? await other.query("SELECT pg_notify(\(StoreSchema.channel), \(token))", logger: StoreConnector.logger)
            .collect()) != nil
        try? await other.close()
        return sent
    }
}
