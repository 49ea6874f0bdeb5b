import IncidentCore

/// Rings once per episode: a service going down, a pool crossing the saturation threshold.
/// It remembers which services are down and which pools saturated, so a sample that only
/// confirms the trouble stays quiet, and a recovery re-arms it.
struct AlarmBell {
    private var downServices: Set<String> = []
    private var saturatedPools: Set<String> = []

    /// Takes the new state; true when something went down or saturated since the last look.
    mutating func shouldRing(after state: IncidentState) -> Bool {
        let down = Set(state.services.filter { $0.health == .down }.map(\.name))
        let saturated = Set(state.pools.filter(\.isSaturated).map(\.name))
        defer {
            downServices = down
            saturatedPools = saturated
        }
        return !down.subtracting(downServices).isEmpty || !saturated.subtracting(saturatedPools).isEmpty
    }
}
