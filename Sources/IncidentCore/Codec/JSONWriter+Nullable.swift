extension JSONWriter {
    /// Writes `"key": value`, or `"key": null` when absent: for documents whose schema promises
    /// every key (`summary --json`), unlike journal lines, which leave absent fields out.
    public mutating func nullable(_ name: String, _ text: String?) {
        key(name)
        if let text { string(text) } else { null() }
    }

    public mutating func nullable(_ name: String, _ number: Int?) {
        key(name)
        if let number { int(number) } else { null() }
    }

    public mutating func nullable(_ name: String, _ number: Double?) {
        key(name)
        if let number { self.number(number) } else { null() }
    }

    public mutating func nullable(_ name: String, _ time: Timestamp?) {
        key(name)
        if let time { string(RFC3339.format(time)) } else { null() }
    }
}
