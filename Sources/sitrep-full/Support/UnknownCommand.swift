import ArgumentParser
import IncidentCore
import SitrepTUI

/// `sitrep bogus`: since the dashboard is the default command, ArgumentParser hands it the word
/// and answers "Unexpected argument 'bogus'", which hides that the word was taken for a command.
/// Checked before parsing: the dashboard takes no word of its own, so a first argument that is no
/// option and no command's name can only be a mistyped command.
struct UnknownCommand {
    let word: String
    let commands: [String]

    /// Nil when the first argument is an option, a command's name or `help`.
    init?(arguments: [String], commands: [String]) {
        guard let first = arguments.first, !first.hasPrefix("-"), first != "help", !commands.contains(first) else { return nil }
        word = first
        self.commands = commands
    }

    /// The message, in lines no wider than `width`: what is wrong, the nearest command if one is
    /// close, then every command.
    func lines(width: Int = 80) -> [String] {
        var first = "'\(SafeText.escape(String(word.prefix(60))))' is not a sitrep command"
        if let nearest = NameSuggestion.closest(to: word, among: commands) { first += "; did you mean '\(nearest)'?" }
        return [first] + Self.wrapped("The commands: " + commands.joined(separator: ", ") + ".", width: width)
            + ["`sitrep help COMMAND` says what one does."]
    }

    private static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return line.isEmpty ? lines : lines + [line]
    }
}

extension Sitrep {
    /// Every command's name, as typed.
    static var commandNames: [String] { configuration.subcommands.map { $0._commandName } }
}
