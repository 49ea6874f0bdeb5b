import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// Declaring from the dashboard, as a commander who opened it before anyone ran `sitrep declare`.
extension DashboardEndToEndTests {
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func theDeclareKeyOpensTheIncidentAndASecondOneIsRefused(_ width: Int, _ height: Int) throws {
        let scratch = TemporaryFolder()
        let dashboard = try startDashboard(in: scratch, width: width, height: height)
        #expect(dashboard.waitFor("press D"), "the header says how to declare; screen:\n\(dashboard.screen)")

        try dashboard.press("D")
        #expect(dashboard.waitFor("declare: title›"), "screen:\n\(dashboard.screen)")
        try dashboard.type("Checkout failing")
        try dashboard.press("Enter")
        #expect(dashboard.waitFor("declare: severity›"), "screen:\n\(dashboard.screen)")
        try dashboard.press("1", "Enter")
        #expect(dashboard.waitFor("impact"), "screen:\n\(dashboard.screen)")
        try dashboard.type("half of all orders fail")
        try dashboard.press("Enter")
        #expect(dashboard.waitFor("recorded declare as ic"), "screen:\n\(dashboard.screen)")
        let header = dashboard.waitUntil { $0.first?.contains("Checkout failing") == true }?.first
        #expect(header?.contains("SEV1") == true && header?.contains("INVESTIGATING") == true, "header: \(header ?? "")")

        let declared = try scratch.events()
        #expect(declared.count == 1 && declared[0].kind == .declare, "\(scratch.lines())")
        #expect(declared.first?.title == "Checkout failing" && declared.first?.severity == "SEV1")
        #expect(declared.first?.impact == "half of all orders fail" && declared.first?.actor == "ic")

        try dashboard.press("D")
        #expect(dashboard.waitFor("already declared"), "screen:\n\(dashboard.screen)")
        #expect(try scratch.events().count == 1, "a second D records nothing")
    }
}
