import CNcursesw

extension NcursesBackend {
    /// Sends the cells that differ from what the terminal shows, then one refresh. A first
    /// frame, a new size, a new theme or Ctrl-L clears the terminal and sends every cell.
    public func draw(_ screen: Screen) {
        guard !isShutDown else { return }
        let window = sitrep_stdscr()
        let previous = shown.flatMap { $0.width == screen.width && $0.height == screen.height ? $0 : nil }
        if previous == nil {
            werase(window)
            clearok(window, true)
        }
        let limit = size
        for y in 0..<min(screen.height, limit.height) {
            for x in 0..<min(screen.width, limit.width) {
                let index = y * screen.width + x
                var cell = screen.cells[index]
                guard !cell.isContinuation, cell != previous?.cells[index] else { continue }
                if x + 1 == limit.width && isWide(cell) {
                    // Cut off by a terminal narrower than the screen; drawn whole, it would wrap.
                    cell = .blank(cell.style)
                }
                putCell(cell, x: x, y: y, window: window)
            }
        }
        wrefresh(window)
        shown = screen
    }

    private func isWide(_ cell: Cell) -> Bool {
        cell.text.unicodeScalars.first.map(DisplayWidth.of) == 2
    }

    private func putCell(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?) {
        let look = colors.look(for: cell.style)
        var text = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        text.append(0)
        sitrep_put_cell(window, Int32(y), Int32(x), text, look.attributes, look.pair)
    }
}
