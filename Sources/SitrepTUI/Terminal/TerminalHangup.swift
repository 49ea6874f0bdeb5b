#if canImport(Glibc)
import Glibc
#endif

/// A terminal that has gone away (its pane killed, its ssh connection dropped) reports hang-up or
/// error on every poll; the event loops treat that like SIGHUP and end.
enum TerminalHangup {
    static func detected(_ events: Int16) -> Bool {
        events & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }
}
