/// One section of the `?` overlay: a title and its keys.
public typealias HelpSection = (title: String, keys: [(key: String, action: String)])

/// The keys, once: the footer's hints and the `?` overlay both read from here. What every mode
/// shares is here; each mode's own hints and help are beside it (KeyReference+Live, +Replay).
enum KeyReference {
    /// The keys that record: live (and drill) act on them, replay refuses them.
    static let recordingKeys: Set<Key> = Set("nemcstvaD".map { Key.character($0) })

    /// The footer while an entry is open in the detail view.
    static let detailHints: [(key: String, action: String)] = [
        ("Esc", "close"), ("↑ ↓ PgUp PgDn", "scroll"), ("q", "quit"),
    ]

    /// The footer while the `?` overlay shows.
    static let helpHints: [(key: String, action: String)] = [
        ("Esc ?", "close help"), ("↑ ↓ PgUp PgDn", "scroll"), ("q", "quit"),
    ]
}
