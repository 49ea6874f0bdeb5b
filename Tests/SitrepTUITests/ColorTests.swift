import Testing
@testable import SitrepTUI

@Suite("Colours: parsing and fitting to the terminal")
struct ColorTests {
    @Test func literals() {
        #expect(Color(literal: "#FF8800") == .rgb(red: 255, green: 136, blue: 0))
        #expect(Color(literal: "red") == .indexed(1))
        #expect(Color(literal: "bright-red") == .indexed(9))
        #expect(Color(literal: "brightWhite") == .indexed(15))
        #expect(Color(literal: "grey") == .indexed(8))
        #expect(Color(literal: "208") == .indexed(208))
        #expect(Color(literal: "default") == .terminalDefault)
        for bad in ["reed", "#ff88", "#gg0000", "256", "-1", "+5", "#+fffff", ""] {
            #expect(Color(literal: bad) == nil, "\(bad) was accepted")
        }
    }

    @Test func hexTo256UsesTheCubeAndTheGreyRamp() {
        #expect(Color.rgb(red: 255, green: 0, blue: 0).terminalIndex(at: .xterm256) == 196)
        #expect(Color.rgb(red: 255, green: 135, blue: 0).terminalIndex(at: .xterm256) == 208)
        #expect(Color.rgb(red: 0, green: 0, blue: 0).terminalIndex(at: .xterm256) == 16)
        #expect(Color.rgb(red: 255, green: 255, blue: 255).terminalIndex(at: .xterm256) == 231)
        // Greys between cube steps go to the 24-step ramp.
        #expect(Color.rgb(red: 0x30, green: 0x30, blue: 0x30).terminalIndex(at: .xterm256) == 236)
        #expect(Color.rgb(red: 0x80, green: 0x80, blue: 0x80).terminalIndex(at: .xterm256) == 244)
    }

    @Test func hexToEightBasicColours() {
        #expect(Color.rgb(red: 0xE5, green: 0x48, blue: 0x4D).terminalIndex(at: .basic8) == 1)   // crimson → red
        #expect(Color.rgb(red: 0xF5, green: 0xA5, blue: 0x24).terminalIndex(at: .basic8) == 3)   // amber → yellow
        #expect(Color.rgb(red: 0x40, green: 0xC0, blue: 0x57).terminalIndex(at: .basic8) == 2)   // green
        #expect(Color.rgb(red: 0x22, green: 0xB8, blue: 0xCF).terminalIndex(at: .basic8) == 6)   // cyan
        #expect(Color.rgb(red: 0x11, green: 0x11, blue: 0x1B).terminalIndex(at: .basic8) == 0)   // near black
        #expect(Color.rgb(red: 0xFF, green: 0xFF, blue: 0xFF).terminalIndex(at: .basic8) == 7)
    }

    @Test func indexedColoursAtLowerDepths() {
        #expect(Color.indexed(9).terminalIndex(at: .basic8) == 1)     // bright red loses brightness
        #expect(Color.indexed(9).terminalIndex(at: .basic16) == 9)
        #expect(Color.indexed(196).terminalIndex(at: .basic8) == 1)   // cube red → red
        #expect(Color.indexed(226).terminalIndex(at: .basic16) == 11) // cube yellow → bright yellow
    }

    @Test func noColourAndDefaultMapToTheTerminalDefault() {
        #expect(Color.rgb(red: 255, green: 0, blue: 0).terminalIndex(at: .none) == nil)
        #expect(Color.terminalDefault.terminalIndex(at: .xterm256) == nil)
    }

    @Test func depthFromTerminalColourCount() {
        #expect(ColorDepth(terminalColors: 0) == .none)
        #expect(ColorDepth(terminalColors: 8) == .basic8)
        #expect(ColorDepth(terminalColors: 16) == .basic16)
        #expect(ColorDepth(terminalColors: 256) == .xterm256)
        #expect(ColorDepth(terminalColors: 16_777_216) == .xterm256)
    }
}

@Suite("Colour pairs")
struct ColorPairPlanTests {
    @Test func rolesWithTheSameColoursShareAPair() {
        let theme = Theme(name: "t", styles: [
            .healthDown: Style(foreground: .indexed(15), background: .indexed(1), bold: true),
            .error: Style(foreground: .indexed(15), background: .indexed(1)),
        ])
        let plan = ColorPairPlan(theme: theme, depth: .xterm256, maximumPairs: 256, defaultColors: true)
        #expect(plan.roles[.healthDown]?.pair == plan.roles[.error]?.pair)
        #expect(plan.pairs == [.init(foreground: 15, background: 1)])
        #expect(plan.roles[.normal]?.pair == 0)
    }

    @Test func coloursThatCollapseTogetherNeverHideTheText() {
        // Two dark greys are both black on an 8-colour terminal.
        let theme = Theme(name: "t", styles: [
            .footer: Style(foreground: .rgb(red: 0x30, green: 0x30, blue: 0x30), background: .rgb(red: 0x10, green: 0x10, blue: 0x10)),
        ])
        let withDefaults = ColorPairPlan(theme: theme, depth: .basic8, maximumPairs: 64, defaultColors: true)
        let footer = withDefaults.pairs[withDefaults.roles[.footer]!.pair - 1]
        #expect(footer.foreground != footer.background)
        let withoutDefaults = ColorPairPlan(theme: theme, depth: .basic8, maximumPairs: 64, defaultColors: false)
        let fixed = withoutDefaults.pairs[withoutDefaults.roles[.footer]!.pair - 1]
        #expect(fixed.foreground != fixed.background)
    }

    @Test func greysFittedToBlackOrWhiteBecomeTheTerminalsOwnForeground() {
        // #585b70 is nearest to black at 8 colours: invisible on a dark terminal.
        let theme = Theme(name: "t", styles: [
            .border: Style(foreground: .rgb(red: 0x58, green: 0x5B, blue: 0x70)),
            .footer: Style(foreground: .indexed(0)),  // named black: the user's choice, kept
            .error: Style(foreground: .rgb(red: 0xFF, green: 0xFF, blue: 0xFF), background: .indexed(1)),
        ])
        let plan = ColorPairPlan(theme: theme, depth: .basic8, maximumPairs: 64, defaultColors: true)
        #expect(plan.roles[.border]?.pair == 0)
        #expect(plan.pairs.contains(.init(foreground: 0, background: nil)))
        #expect(plan.pairs.contains(.init(foreground: 7, background: 1)))
    }

    @Test func beyondTheTerminalsPairsRolesFallBackToPairZero() {
        var styles: [StyleRole: Style] = [:]
        for (offset, role) in StyleRole.allCases.enumerated() {
            styles[role] = Style(foreground: .indexed(UInt8(offset + 1)))
        }
        let plan = ColorPairPlan(theme: Theme(name: "t", styles: styles), depth: .xterm256, maximumPairs: 8, defaultColors: true)
        #expect(plan.pairs.count == 7)
        #expect(plan.roles.values.filter { $0.pair == 0 }.count == StyleRole.allCases.count - 7)
    }

    @Test func noColourTerminalUsesMonoAttributesWhateverTheTheme() {
        let colourOnly = Theme(name: "t", styles: [.healthDown: Style(foreground: .indexed(1))])
        let plan = ColorPairPlan(theme: colourOnly, depth: .none, maximumPairs: 0, defaultColors: false)
        #expect(plan.pairs.isEmpty)
        #expect(plan.roles[.healthDown]?.style == Theme.mono.style(for: .healthDown))
    }
}
