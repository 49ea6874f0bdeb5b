/// When things happen in the seed outage demo, in seconds from its start at speed 1. The
/// responders' script and the simulated systems both read these, so a restart in the script is a
/// restart in the samples.
///
/// The real outage lasted eighteen hours; the demo keeps its order and proportions loosely, and
/// leaves a responder's entry at most every ten seconds or so, time enough to read each one.
enum SeedOutageMoments {
    /// Load rises from the start; the pool reaches its limit of 50 here and clients begin to wait.
    static let poolExhausted = 30.0
    static let webSlow = 34.0
    static let apiSlow = 36.0
    static let webDown = 44.0
    static let alert = 48.0
    static let declared = 56.0
    static let databaseRestart = 88.0
    /// The restart dropped every connection; the waiting clients take them all back at once.
    static let databaseBack = 94.0
    static let poolExhaustedAgain = 97.0
    static let escalated = 112.0
    static let causeFound = 126.0
    static let poolRaised = 138.0
    /// Web works through its backlog after the pool is raised, degraded until then.
    static let webRecovering = 140.0
    static let webUp = 156.0
    static let resolved = 170.0
    static let end = 180.0
}
