/// A count with its noun, as a sentence says it: `1 client`, `18 clients`. Regular plurals only.
public enum CountText {
    public static func of(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
