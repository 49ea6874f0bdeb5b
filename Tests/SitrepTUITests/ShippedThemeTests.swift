import Testing
@testable import SitrepTUI

@Suite("Shipped themes")
struct ShippedThemeTests {
    @Test(arguments: ThemeFixtures.shippedNames)
    func loadsAndDefinesEveryRole(name: String) throws {
        let theme = try Theme.load(path: ThemeFixtures.shippedLocator.locate(name))
        #expect(theme.name == name)
        #expect(theme.missingRoles == [])
    }

    @Test func monoFileMatchesTheBuiltInMono() throws {
        let file = try Theme.load(path: ThemeFixtures.shippedLocator.locate("mono"))
        #expect(file.styles == Theme.mono.styles)
        #expect(Theme.mono.missingRoles == [])
    }

    /// The states a responder scans for must look different from each other at every colour
    /// depth, so no theme relies on a distinction the terminal cannot show.
    @Test(arguments: ThemeFixtures.shippedNames)
    func statesStayDistinctAtEveryDepth(name: String) throws {
        let theme = try Theme.load(path: ThemeFixtures.shippedLocator.locate(name))
        let groups: [[StyleRole]] = [
            [.healthUp, .healthDegraded, .healthDown],
            [.poolOK, .poolWarning, .poolSaturated],
            [.sev0, .sev2, .sev4],
        ]
        for depth in [ColorDepth.none, .basic8, .basic16, .xterm256] {
            for defaultColors in [true, false] {
                let plan = ColorPairPlan(theme: theme, depth: depth, maximumPairs: 256, defaultColors: defaultColors)
                for group in groups {
                    let looks = group.map { plan.look(of: $0) }
                    #expect(Set(looks).count == group.count, "\(name) at \(depth): \(group) look alike")
                }
            }
        }
    }

    /// A commander reads the response from what people recorded; in every theme, at every depth,
    /// it must not look like what monitoring and collectors wrote.
    @Test(arguments: ThemeFixtures.shippedNames)
    func peoplesEntriesStandApartFromAutomatedOnes(name: String) throws {
        let theme = try Theme.load(path: ThemeFixtures.shippedLocator.locate(name))
        for depth in [ColorDepth.none, .basic8, .basic16, .xterm256] {
            let plan = ColorPairPlan(theme: theme, depth: depth, maximumPairs: 256, defaultColors: true)
            let person = plan.look(of: .timelineHuman)
            for automated in [StyleRole.normal, .timelineMarker, .dim, .timelineAlert] {
                #expect(person != plan.look(of: automated), "\(name) at \(depth): people's entries look like \(automated)")
            }
        }
    }

    @Test func withoutColourTheWorstStatesStandOut() {
        for role in [StyleRole.healthDown, .poolSaturated, .sev0, .sev1, .error] {
            let style = Theme.mono.style(for: role)
            #expect(style.reverse, "\(role) is not reversed in mono")
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
        }
    }
}

extension ColorPairPlan {
    /// What the terminal would show for a role: the colours of its pair and its attributes.
    struct VisibleLook: Hashable {
        var pair: Pair
        var bold, dim, reverse, underline: Bool
    }

    func look(of role: StyleRole) -> VisibleLook {
        let entry = roles[role]!
        let pair = entry.pair == 0 ? Pair(foreground: nil, background: nil) : pairs[entry.pair - 1]
        let style = entry.style
        return VisibleLook(pair: pair, bold: style.bold, dim: style.dim, reverse: style.reverse, underline: style.underline)
    }
}
