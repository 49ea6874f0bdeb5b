/// Reads one line of a journal back by its number. A timeline entry keeps what the timeline shows,
/// not the event it came from: a million kept events held several times the journal's size in
/// memory. The detail view reads the rest of an entry (its id, when it was logged, its chain link,
/// every field) back from here when it opens.
public protocol JournalLineReading: AnyObject {
    /// The event on line `number` (a store's `seq`); nil when there is no such line, or it is not
    /// an event (a bad line, an unfinished last line).
    func event(atLine number: Int) throws(JournalError) -> Event?
}
