import Crypto
import SystemPackage

/// The journal's hash chain: each line's `prev` is the SHA-256 of the previous line's exact bytes.
public enum ChainHash {
    public static func of(_ bytes: UnsafeRawBufferPointer) -> String {
        hex(SHA256.hash(data: bytes))
    }

    public static func of(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { of($0) }
    }

    /// The hash of bytes `start..<end` of a file, read a chunk at a time: a line of any length
    /// is hashed in bounded memory. Nil if the file cannot be read that far.
    static func of(_ fd: FileDescriptor, from start: Int64, to end: Int64) -> String? {
        digest(of: fd, from: start, to: end).map(hex)
    }

    /// As `of(_:from:to:)`, kept as the digest for comparing without its text.
    static func digest(of fd: FileDescriptor, from start: Int64, to end: Int64) -> SHA256.Digest? {
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        var position = start
        while position < end {
            let wanted = Int(min(Int64(buffer.count), end - position))
            let got = buffer.withUnsafeMutableBytes { raw in
                try? fd.read(fromAbsoluteOffset: position, into: UnsafeMutableRawBufferPointer(rebasing: raw[..<wanted]))
            }
            guard let got, got > 0 else { return nil }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
            position += Int64(got)
        }
        return hasher.finalize()
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// Read through its bytes rather than as a `Sequence`: iterating the digest makes the runtime
    /// build a generic iterator type by name, the first time, which scans every conformance in the
    /// binary; that was a tenth of `sitrep note`'s time.
    static func hex(_ digest: SHA256.Digest) -> String {
        String(unsafeUninitializedCapacity: 2 * SHA256.byteCount) { text in
            digest.withUnsafeBytes { bytes in
                for (index, byte) in bytes.enumerated() {
                    text[2 * index] = digits[Int(byte >> 4)]
                    text[2 * index + 1] = digits[Int(byte & 0xF)]
                }
            }
            return 2 * SHA256.byteCount
        }
    }
}
