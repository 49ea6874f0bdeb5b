import TestSupport
import Testing

/// The commands name themselves (`commandName:`) instead of ArgumentParser deriving the names
/// from their types at every start: the names users type stay what they were.
@Suite(.oneAtATime) struct CommandNamesTests {
    @Test func everyCommandKeepsItsName() throws {
        let scratch = TemporaryFolder()
        let commands = try CommandWordsTests.commands(CLI(folder: scratch.path))
        #expect(commands == ["dashboard", "demo", "replay", "drill", "declare", "note", "alert", "escalate", "mitigate",
                             "status", "severity", "role", "cause", "task", "amend", "timeline", "summary", "report",
                             "verify", "collect", "receive", "incidents", "export", "import"])
    }
}
