import CNcursesw

extension NcursesBackend {
    /// Drains every key ncurses has, never waiting (the window is in nodelay mode).
    public func readKeys() -> [Key] {
        guard !isShutDown else { return [] }
        let window = sitrep_stdscr()
        var keys: [Key] = []
        var code: wint_t = 0
        while true {
            let result = wget_wch(window, &code)
            if result == sitrep_err() { break }
            let key = result == sitrep_key_code_yes()
                ? KeyDecoder.functionKey(Int32(bitPattern: code))
                : KeyDecoder.character(code)
            if key == .resize {
                // ncurses has already resized its own screens; ours must be repainted whole.
                shown = nil
            }
            if let key { keys.append(key) }
        }
        return keys
    }
}

extension NcursesBackend {
    /// Home and End sequences that terminals send even when $TERM describes another terminal
    /// (a common mismatch inside tmux, screen or over ssh). Keys the terminfo entry already
    /// knows are unaffected; these only add what it lacks.
    static func defineFallbackKeys() {
        let fallbacks: [(String, Int32)] = [
            ("\u{1B}[1~", sitrep_key_home()), ("\u{1B}[7~", sitrep_key_home()),
            ("\u{1B}[H", sitrep_key_home()), ("\u{1B}OH", sitrep_key_home()),
            ("\u{1B}[4~", sitrep_key_end()), ("\u{1B}[8~", sitrep_key_end()),
            ("\u{1B}[F", sitrep_key_end()), ("\u{1B}OF", sitrep_key_end()),
        ]
        for (sequence, code) in fallbacks where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
    }
}
