/// The xterm colour palette, for fitting `#rrggbb` colours to what a terminal can show.
///
/// Colours 0–15 are whatever the user's terminal scheme says, so a hex colour is only matched to
/// them on terminals with no more than 16 colours; the 6×6×6 cube and the grey ramp (16–255) are
/// fixed in every xterm-compatible terminal, so those are where 256-colour matches land.
public enum XtermPalette {
    /// xterm's stock values for the 16 basic colours: the best guess without asking the terminal.
    static let basic: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The six levels of each channel in the colour cube.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The nearest colour among indices 16–255.
    public static func nearest256(red: UInt8, green: UInt8, blue: UInt8) -> Int {
        let target = (Int(red), Int(green), Int(blue))
        let cube = (nearestCubeLevel(target.0), nearestCubeLevel(target.1), nearestCubeLevel(target.2))
        let cubeIndex = 16 + 36 * cube.0 + 6 * cube.1 + cube.2
        let cubeColor = (cubeLevels[cube.0], cubeLevels[cube.1], cubeLevels[cube.2])

        // The grey ramp runs 8, 18, ..., 238 at indices 232–255.
        let average = (target.0 + target.1 + target.2) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let greyLevel = 8 + 10 * greyStep
        let greyIndex = 232 + greyStep

        let cubeDistance = distanceSquared(target, cubeColor)
        let greyDistance = distanceSquared(target, (greyLevel, greyLevel, greyLevel))
        return greyDistance < cubeDistance ? greyIndex : cubeIndex
    }

    /// The nearest of the first `count` (8 or 16) basic colours.
    public static func nearestBasic(red: UInt8, green: UInt8, blue: UInt8, count: Int) -> Int {
        let target = (Int(red), Int(green), Int(blue))
        var best = 0
        var bestDistance = Int.max
        for (index, color) in basic.prefix(count).enumerated() {
            let distance = distanceSquared(target, (Int(color.0), Int(color.1), Int(color.2)))
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }

    /// The RGB value xterm uses for a palette index.
    public static func rgb(ofIndex index: UInt8) -> (UInt8, UInt8, UInt8) {
        switch index {
        case 0..<16:
            return basic[Int(index)]
        case 16..<232:
            let offset = Int(index) - 16
            let levels = (cubeLevels[offset / 36], cubeLevels[(offset / 6) % 6], cubeLevels[offset % 6])
            return (UInt8(levels.0), UInt8(levels.1), UInt8(levels.2))
        default:
            let level = UInt8(8 + 10 * (Int(index) - 232))
            return (level, level, level)
        }
    }

    private static func nearestCubeLevel(_ value: Int) -> Int {
        var best = 0
        for (index, level) in cubeLevels.enumerated() where abs(level - value) < abs(cubeLevels[best] - value) {
            best = index
        }
        return best
    }

    private static func distanceSquared(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let red = a.0 - b.0, green = a.1 - b.1, blue = a.2 - b.2
        return red * red + green * green + blue * blue
    }
}
