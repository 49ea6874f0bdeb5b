import Testing
import SitrepTUI

@Suite("TestBackend")
struct TestBackendTests {
    @Test func recordsDrawsKeysAndResizes() {
        let backend = TestBackend(width: 20, height: 3)
        var screen = Screen(width: backend.size.width, height: backend.size.height)
        screen.put("SEV1 investigating", x: 0, y: 0, style: .sev1)
        backend.draw(screen)
        backend.beep()
        #expect(backend.lines == ["SEV1 investigating", "", ""])
        #expect(backend.drawCount == 1 && backend.beepCount == 1)

        backend.type("ok")
        backend.queue(.enter)
        #expect(backend.readKeys() == [.character("o"), .character("k"), .enter])
        #expect(backend.readKeys() == [])

        backend.resize(width: 40, height: 10)
        #expect(backend.readKeys() == [.resize])
        #expect(backend.size == TerminalSize(width: 40, height: 10))
    }
}
