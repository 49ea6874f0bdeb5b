import CNcursesw
import Testing
import SitrepTUI

@Suite("Keys from get_wch")
struct KeyDecoderTests {
    @Test func enterArrivesAsReturnNewlineOrKeypadEnter() {
        #expect(KeyDecoder.character(13) == .enter)
        #expect(KeyDecoder.character(10) == .enter)
        #expect(KeyDecoder.functionKey(sitrep_key_enter()) == .enter)
    }

    @Test func backspaceArrivesAsDelByteCtrlHOrTheKeyCode() {
        #expect(KeyDecoder.character(127) == .backspace)
        #expect(KeyDecoder.character(8) == .backspace)
        #expect(KeyDecoder.functionKey(sitrep_key_backspace()) == .backspace)
        #expect(KeyDecoder.functionKey(sitrep_key_dc()) == .delete)
    }

    @Test func ctrlCIsAKeySoTheAppCanQuitCleanly() {
        #expect(KeyDecoder.character(3) == .ctrlC)
        #expect(KeyDecoder.character(3) == .control("c"))
        #expect(KeyDecoder.character(21) == .ctrlU)
        #expect(KeyDecoder.character(0x1C) == .control("\\"))
        #expect(KeyDecoder.character(0) == .control("@"))
    }

    @Test func tabEscapeAndBackTab() {
        #expect(KeyDecoder.character(9) == .tab)
        #expect(KeyDecoder.character(27) == .escape)
        #expect(KeyDecoder.functionKey(sitrep_key_btab()) == .backTab)
    }

    @Test func wideCharactersArriveWhole() {
        #expect(KeyDecoder.character(0x969C) == .character("障"))
        #expect(KeyDecoder.character(0x1F525) == .character("🔥"))
        #expect(KeyDecoder.character(UInt32(Character("é").unicodeScalars.first!.value)) == .character("é"))
    }

    @Test func c1ControlsAndInvalidScalarsAreNotKeys() {
        #expect(KeyDecoder.character(0x9B) == nil)
        #expect(KeyDecoder.character(0xD800) == nil)
        #expect(KeyDecoder.character(0x110000) == nil)
    }

    @Test func navigationAndResize() {
        #expect(KeyDecoder.functionKey(sitrep_key_resize()) == .resize)
        #expect(KeyDecoder.functionKey(sitrep_key_up()) == .up)
        #expect(KeyDecoder.functionKey(sitrep_key_ppage()) == .pageUp)
        #expect(KeyDecoder.functionKey(sitrep_key_npage()) == .pageDown)
        #expect(KeyDecoder.functionKey(sitrep_key_home()) == .home)
        #expect(KeyDecoder.functionKey(sitrep_key_end()) == .end)
        #expect(KeyDecoder.functionKey(sitrep_key_f0() + 5) == .function(5))
        #expect(KeyDecoder.functionKey(0o631) == nil)  // KEY_MOUSE: not enabled, ignored
    }
}
