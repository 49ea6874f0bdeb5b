extension KeyReference {
    static let liveHints: [(key: String, action: String)] = [
        ("n", "note"), ("e", "escalate"), ("m", "mitigate"), ("s", "status"), ("?", "help"), ("q", "quit"),
        ("v", "severity"), ("c", "cause"), ("t", "task"), ("a", "amend"), ("/", "filter"), ("Tab", "pane"),
    ]

    static let recording: [(key: String, action: String)] = [
        ("n", "add a note"),
        ("e", "escalate: to whom, then why"),
        ("m", "record a mitigation (applied)"),
        ("s", "change status (picker)"),
        ("v", "change severity (picker)"),
        ("c", "record the cause"),
        ("t", "add a follow-up task"),
        ("a", "amend the selected entry"),
        ("D", "declare the incident: title, severity, impact"),
        ("@name text", "record as another responder"),
    ]

    static let moving: [(key: String, action: String)] = [
        ("↑ ↓  k j", "select / scroll"),
        ("PgUp PgDn", "a page at a time"),
        ("g  G", "oldest / newest (follow)"),
        ("Enter", "read the selected entry whole"),
        ("z", "zoom the focused pane / back"),
        ("Tab  Shift-Tab", "next / previous pane"),
        ("/", "filter the timeline (Esc clears)"),
        ("Esc", "dismiss a message"),
        ("Ctrl-L", "repaint the screen"),
        ("?", "this help"),
        ("q  Ctrl-C", "quit"),
    ]

    static let editing: [(key: String, action: String)] = [
        ("Enter", "record (empty records nothing)"),
        ("Esc", "cancel"),
        ("← → Home End", "move"),
        ("Backspace Ctrl-U", "delete / delete to start"),
    ]

    static var liveHelp: [HelpSection] {
        [("Record", recording), ("Move", moving), ("In a prompt", editing)]
    }
}
