/// A playback speed factor as the banners and the report print it: `60`, `0.5`.
public enum SpeedText {
    public static func factor(_ speed: Double) -> String {
        speed == speed.rounded() ? String(Int(speed)) : String(speed)
    }
}
