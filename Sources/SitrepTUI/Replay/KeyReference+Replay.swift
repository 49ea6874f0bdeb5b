extension KeyReference {
    static let replayHints: [(key: String, action: String)] = [
        ("space", "play/pause"), ("+ -", "speed"), ("← →", "event"), ("[ ]", "person"), ("g G", "start/end"),
        ("t", "jump to"), ("?", "help"), ("q", "quit"), ("/", "filter"),
    ]

    static let replaying: [(key: String, action: String)] = [
        ("space", "pause / resume"),
        ("+  -", "double / halve the speed"),
        ("→  ←", "next / previous event"),
        ("]  [", "next / previous entry by a person"),
        ("g  G", "start / end of the recording"),
        ("t", "type a time to jump to"),
        ("↑ ↓ PgUp PgDn", "scroll the focused pane"),
        ("Enter", "read the selected entry whole"),
        ("z", "zoom the focused pane / back"),
        ("/", "filter the timeline (Esc clears)"),
        ("Tab", "next pane"),
        ("?", "this help"),
        ("q  Ctrl-C", "quit"),
    ]

    static var replayHelp: [HelpSection] {
        [("Replay (read-only)", replaying)]
    }
}
