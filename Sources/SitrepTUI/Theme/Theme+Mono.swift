extension Theme {
    /// The look without any colour: for `NO_COLOR`, terminals without colours, and when no theme
    /// file can be found. Every state that matters must differ by attribute alone, and the worst
    /// states (SEV0/1, down, saturated, errors) are reversed so they stand out at a glance.
    public static let mono = Theme(name: "mono", styles: monoStyles)

    private static let monoStyles: [StyleRole: Style] = [
        .normal: .plain,
        .dim: Style(dim: true),
        .title: Style(bold: true),
        .header: Style(bold: true),

        .sev0: Style(bold: true, reverse: true),
        .sev1: Style(bold: true, reverse: true),
        .sev2: Style(bold: true, underline: true),
        .sev3: Style(bold: true),
        .sev4: .plain,
        .statusResolved: Style(dim: true),

        .border: Style(dim: true),
        .paneTitle: Style(bold: true),
        .paneTitleFocused: Style(bold: true, reverse: true),

        .healthUp: .plain,
        .healthDegraded: Style(bold: true, underline: true),
        .healthDown: Style(bold: true, reverse: true),

        .poolOK: .plain,
        .poolWarning: Style(bold: true, underline: true),
        .poolSaturated: Style(bold: true, reverse: true),
        .sparkline: .plain,

        .timelineTime: Style(dim: true),
        .timelineActor: Style(bold: true),
        .timelineAlert: Style(bold: true, underline: true),
        .timelineHuman: Style(bold: true),
        .timelineMarker: Style(dim: true),
        .timelineAmended: Style(underline: true),

        .selection: Style(reverse: true),
        .footer: .plain,
        .footerKey: Style(bold: true),
        .message: Style(bold: true),
        .error: Style(bold: true, reverse: true),
        .prompt: Style(bold: true),
        .replayBanner: Style(bold: true, reverse: true),
    ]
}
