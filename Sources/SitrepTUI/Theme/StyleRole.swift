import IncidentCore

/// What a piece of text means on screen. Views tag cells with a role and never with a colour, so
/// a theme (or a terminal without colours) decides the look in one place.
///
/// The raw value is the key under `[styles]` in a theme file.
public enum StyleRole: String, CaseIterable, Sendable, Hashable {
    case normal
    case dim
    case title
    case header

    /// SEV0 and SEV1 should look alarming, SEV2 urgent, SEV3 and SEV4 calm.
    case sev0, sev1, sev2, sev3, sev4
    case statusResolved

    case border
    case paneTitle
    case paneTitleFocused

    case healthUp
    case healthDegraded
    case healthDown

    case poolOK
    case poolWarning
    case poolSaturated
    case sparkline

    case timelineTime
    case timelineActor
    case timelineAlert
    case timelineHuman
    case timelineMarker
    case timelineAmended

    case selection
    case footer
    case footerKey
    case message
    case error
    case prompt
    case replayBanner
}

extension StyleRole {
    /// The role for a severity as the journal wrote it (`SEV1`, `sev1`, `1`); `header` for
    /// anything outside SEV0–SEV4, so an odd value is shown plainly rather than as calm.
    public static func severity(_ label: String) -> StyleRole {
        switch Severity.normalize(label) {
        case "SEV0": .sev0
        case "SEV1": .sev1
        case "SEV2": .sev2
        case "SEV3": .sev3
        case "SEV4": .sev4
        default: .header
        }
    }

    /// The role for a service's health; a state other tools invented counts as degraded, since
    /// it is at least not known to be up.
    public static func health(_ state: HealthState?) -> StyleRole {
        switch state {
        case .up: .healthUp
        case .down: .healthDown
        case .degraded, nil: .healthDegraded
        }
    }
}
