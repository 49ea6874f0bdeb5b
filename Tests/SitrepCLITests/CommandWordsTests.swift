import Foundation
import TestSupport
import Testing

/// What sitrep says about itself: help at 80 columns, a mistyped command or theme, completions.
@Suite(.oneAtATime) struct CommandWordsTests {
    static let width = 80

    /// Every command, as `sitrep --help` lists them.
    static func commands(_ cli: CLI) throws -> [String] {
        let help = try cli.run(["--help"], environment: ["COLUMNS": "\(width)"]).stdout
        let listed = help.components(separatedBy: "SUBCOMMANDS:\n").last ?? ""
        return listed.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.isEmpty }
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test func everyHelpFitsEightyColumnsWithoutRaggedParagraphs() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        let commands = try Self.commands(cli)
        #expect(commands.count >= 21 && commands.contains("drill") && commands.contains("verify"), "\(commands)")
        for command in [nil] + commands.map(Optional.some) {
            let result = try cli.run((command.map { [$0] } ?? []) + ["--help"], environment: ["COLUMNS": "\(Self.width)"])
            #expect(result.status == 0, "\(command ?? "sitrep") --help: \(result.stderr)")
            let problems = HelpLayout.problems(in: result.stdout, width: Self.width)
            #expect(problems.isEmpty, "\(command ?? "sitrep") --help:\n\(problems.joined(separator: "\n"))")
        }
    }

    @Test func theRuleCatchesAHardBreakInsideAParagraph() {
        let ragged = """
            OVERVIEW: Play a journal back.

            Every pane shows the incident as it stood at the
            replay clock's moment.

              --speed <factor>        Times real time
                                      (default 60).
            """
        let problems = HelpLayout.problems(in: ragged, width: 80)
        #expect(problems.count == 2 && problems.allSatisfy { $0.hasPrefix("ended early") }, "\(problems)")
        let wrapped = """
            OVERVIEW: Play a journal back.

            Every pane shows the incident as it stood at the replay clock's moment. Quiet
            stretches are skipped (the header says how much).

              --speed <factor>        Times real time (default 60).
            """
        #expect(HelpLayout.problems(in: wrapped, width: 80).isEmpty)
        #expect(HelpLayout.problems(in: String(repeating: "x", count: 81), width: 80).count == 1)
    }

    @Test func theSpeedSaysItsDefaultOnce() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        for command in ["demo", "replay", "drill"] {
            let help = try cli.run([command, "--help"], environment: ["COLUMNS": "\(Self.width)"]).stdout
            let speed = help.components(separatedBy: "--speed <factor>").last?.components(separatedBy: "\n  -").first ?? ""
            #expect(speed.components(separatedBy: "default").count == 2, "\(command): \(speed)")
        }
    }

    @Test func anUnknownCommandIsNamedAndTheCommandsListed() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        let result = try cli.run(["bogus"])
        #expect(result.status == 64, "a usage error, as ArgumentParser's own")
        #expect(result.stderr.hasPrefix("sitrep: 'bogus' is not a sitrep command\n"), "\(result.stderr)")
        for command in try Self.commands(cli) { #expect(result.stderr.contains(command), "lists \(command)") }
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.count <= Self.width })

        let close = try cli.run(["ntoe", "restarted db-1"])
        #expect(close.status == 64)
        #expect(close.stderr.hasPrefix("sitrep: 'ntoe' is not a sitrep command; did you mean 'note'?\n"), "\(close.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/incident.jsonl"), "nothing recorded")

        #expect(try cli.run(["help"]).status == 0)
    }

    @Test func anUnknownThemeListsTheThemesItCouldHaveMeant() throws {
        let scratch = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: scratch.file("mine"), withIntermediateDirectories: true)
        try "[styles]\n".write(toFile: scratch.file("mine/night.toml"), atomically: true, encoding: .utf8)
        let result = try CLI(folder: scratch.path).run(["demo", "--theme", "ligth", "-j", "demo.jsonl"],
                                                       environment: ["SITREP_THEMES_DIR": scratch.file("mine")])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(#"sitrep: theme "ligth" not found (did you mean light?); themes: "#), "\(result.stderr)")
        for name in ["default", "high-contrast", "light", "mono", "night"] {
            #expect(result.stderr.contains(name), "names \(name): \(result.stderr)")
        }
        #expect(result.stderr.contains("looked for: \(scratch.file("mine"))/ligth.toml"))
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsNameTheCommands(_ shell: String) throws {
        let scratch = TemporaryFolder()
        let result = try CLI(folder: scratch.path).run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        for command in ["declare", "note", "replay", "drill", "verify", "collect"] {
            #expect(result.stdout.contains(command), "\(shell) completes \(command)")
        }
        if shell == "bash" { #expect(result.stdout.contains("complete -") && result.stdout.contains("sitrep")) }
    }
}

/// The rule for help text: no line wider than the terminal, and no line ended early inside a
/// paragraph. A line continues the one before when it starts where that line's text starts (the
/// help column of an option, or the paragraph's indent); it was ended early when the first word
/// of the next line would have fitted on it with `slack` columns to spare. That is what a hard
/// break inside a paragraph does; ArgumentParser's own wrapping leaves up to 3 columns unused
/// (it wraps option help 2 columns short, and pushes a word that would end on the last column).
enum HelpLayout {
    static let slack = 3

    static func problems(in help: String, width: Int) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var problems = lines.filter { $0.count > width }.map { "wider than \(width): \($0)" }
        for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !next.isEmpty {
            let indent = next.prefix { $0 == " " }.count
            guard indent == textColumn(of: line), let word = next.split(separator: " ").first else { continue }
            if line.count + 1 + word.count <= width - slack { problems.append("ended early (\"\(word)\" fits): \(line)") }
        }
        return problems
    }

    /// Where a line's running text starts: after the last run of two or more spaces, else its indent.
    private static func textColumn(of line: String) -> Int {
        let characters = Array(line)
        var column = characters.prefix { $0 == " " }.count
        var index = column
        while index < characters.count {
            if characters[index] == " ", index + 1 < characters.count, characters[index + 1] == " " {
                var end = index
                while end < characters.count, characters[end] == " " { end += 1 }
                column = end
                index = end
            } else {
                index += 1
            }
        }
        return column
    }
}
