/// The keys, once: the footer's hints and the `?` overlay both read from here. What every mode
/// shares is here; each mode's own hints and help are beside it (KeyReference+Live, +Replay).
enum KeyReference {
    /// The keys that record: live (and drill) act on them, replay refuses them.
    static let recordingKeys: Set<Key> = Set("nemcstva".map { Key.character($0) })
}
