// swift-tools-version:6.1
import PackageDescription
#if canImport(Glibc)
import Glibc
#endif

/// Packed relocations (DT_RELR) need glibc 2.36 or later to run: an older loader refuses the binary.
let glibcPacksRelocations: Bool = {
    #if canImport(Glibc)
    var text = [UInt8](repeating: 0, count: 64)  // "glibc 2.36"
    let length = text.withUnsafeMutableBufferPointer { confstr(Int32(_CS_GNU_LIBC_VERSION), $0.baseAddress, $0.count) }
    guard length > 1, length <= text.count else { return false }
    let release = String(decoding: text[..<(length - 1)], as: UTF8.self).split(separator: " ").last ?? ""
    let version = release.split(separator: ".").compactMap { Int($0) }
    return version.count >= 2 && (version[0], version[1]) >= (2, 36)
    #else
    return false
    #endif
}()

/// The folders the linker searches for system libraries: the GCC whose libstdc++ clang links
/// (the newest version with a libstdc++.so) and the usual library folders.
let librarySearchFolders: [String] = {
    #if canImport(Glibc)
    func entries(_ folder: String) -> [String] {
        guard let stream = opendir(folder) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            names.append(withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) })
        }
        return names
    }
    #if arch(x86_64)
    let architecture = "x86_64"
    #else
    let architecture = "aarch64"
    #endif
    var newest: (version: [Int], folder: String)?
    for root in ["/usr/lib/gcc", "/usr/lib64/gcc"] {
        for triple in entries(root) where triple.hasPrefix(architecture + "-") {
            for release in entries(root + "/" + triple) {
                let folder = root + "/" + triple + "/" + release
                let version = release.split(separator: ".").compactMap { Int($0) }
                guard !version.isEmpty, access(folder + "/libstdc++.so", F_OK) == 0 else { continue }
                if newest.map({ $0.version.lexicographicallyPrecedes(version) }) ?? true { newest = (version, folder) }
            }
        }
    }
    let multiarch = architecture + "-linux-gnu"
    return (newest.map { [$0.folder] } ?? []) + ["/usr/lib/" + multiarch, "/lib/" + multiarch, "/usr/lib64", "/usr/lib"]
    #else
    return []
    #endif
}()

/// Folders of link/ whose linker script, named as a shared library, names its static archives
/// instead: those whose archives this host has (Debian and Ubuntu ship them in the -dev packages
/// the build needs anyway; other systems may keep them in packages apart, and link as before).
let staticLibraryFolders: [String] = {
    #if canImport(Glibc)
    let packageFolder = String(#filePath.dropLast("/Package.swift".count))
    let archives = [("libstdc++", ["libstdc++.a"]), ("ncurses", ["libncursesw.a", "libtinfo.a"]), ("zlib", ["libz.a"])]
    return archives.filter { _, names in
        names.allSatisfy { name in librarySearchFolders.contains { access($0 + "/" + name, R_OK) == 0 } }
    }.map { packageFolder + "/link/" + $0.0 }
    #else
    return []
    #endif
}()

/// The release binary's link (see the sitrep target).
let staticReleaseLink: [String] = {
    let foundation = ["_FoundationICU", "_FoundationCollections", "_FoundationCShims", "CoreFoundation"].map { "-l" + $0 }
    let startUp = ["--no-export-dynamic"] + (glibcPacksRelocations ? ["-z", "pack-relative-relocs"] : [])
    // Searched before the system's folders, link/'s scripts are what the -lstdc++, -lncursesw and
    // -lz of the toolchain, the ncurses module map and SwiftPM find. libstdc++ needs libgcc's
    // unwinder from its archive too, or the shared libgcc_s stays.
    let archives = staticLibraryFolders.flatMap { ["-L", $0] }
        + (staticLibraryFolders.contains { $0.hasSuffix("/libstdc++") } ? ["-Xclang-linker", "-static-libgcc"] : [])
    return ["-static-stdlib", "-use-ld=lld"] + archives + (foundation + startUp).flatMap { ["-Xlinker", $0] }
}()

let package = Package(
    // Linux only (inotify, Glibc, pipe2, timer_create): no `platforms`, since the list names Apple ones.
    name: "sitrep",
    products: [
        .executable(name: "sitrep", targets: ["sitrep"]),
        .executable(name: "sitrep-full", targets: ["sitrep-full"]),
        .library(name: "IncidentCore", targets: ["IncidentCore"]),
    ],
    traits: [
        // On by default, for `swift run sitrep` and the tests; off for a build to install
        // (`swift build -c release --disable-default-traits`), whose sitrep then links only what a
        // note needs. SwiftPM links everything an executable's dependencies link into it, the
        // dependency on sitrep-full included, and loading all that was most of a note's time.
        .trait(name: "RunFromSource",
               description: "sitrep depends on sitrep-full, so that `swift run sitrep` builds the program it hands commands to."),
        .default(enabledTraits: ["RunFromSource"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // 4, not 3: its Crypto imports FoundationEssentials where there is one, not Foundation
        // with ICU, which the front program would otherwise carry for the journal's SHA-256.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The journal, the fold, replay and reports: no terminal, no network.
        .target(
            name: "IncidentCore",
            dependencies: [
                "CSignals",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Signal handlers: C, because only async-signal-safe calls may run in them.
        .target(name: "CSignals", linkerSettings: [.linkedLibrary("rt")]),  // timer_create before glibc 2.34
        // Linked by the module map; no pkgConfig, whose -D flags SwiftPM refuses with a warning.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // Layout, panes, prompts and themes, drawn into a Screen buffer; ncurses only in its backend.
        .target(
            name: "SitrepTUI",
            dependencies: ["IncidentCore", "CNcursesw", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Health checks, pool sources, alert rules, the alert receiver and the demo player: they only append events.
        .target(
            name: "SitrepCollect",
            dependencies: [
                "IncidentCore",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // The journal in PostgreSQL: one incident's lines in a table, chained and followed as a file's are.
        .target(
            name: "JournalPostgres",
            dependencies: [
                "IncidentCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // What a recording command needs without ArgumentParser or Foundation: its arguments read
        // by hand, the journal it names, the actor, the entry written and its id printed, messages.
        .target(name: "SitrepRecording", dependencies: ["IncidentCore"]),
        // `sitrep`, the program users run: records a plain note or cause into a file itself and
        // runs sitrep-full for everything else. Built to install (without RunFromSource), it
        // links only IncidentCore and the Swift runtime, no Foundation: most of a note's time was
        // the loader relocating the full program's metadata. Linked as sitrep-full is (see there).
        .executableTarget(
            name: "sitrep",
            dependencies: [
                "IncidentCore", "SitrepRecording",
                .target(name: "sitrep-full", condition: .when(traits: ["RunFromSource"])),
            ],
            linkerSettings: [.unsafeFlags(staticReleaseLink, .when(configuration: .release))]
        ),
        // Every command: argument parsing and wiring, nothing else.
        .executableTarget(
            name: "sitrep-full",
            dependencies: [
                "IncidentCore",
                "SitrepRecording",
                "SitrepTUI",
                "SitrepCollect",
                "JournalPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // collect and receive wait for a stop signal on NIO's shared event loops.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            // The release build carries the Swift runtime and Foundation inside it: finding and
            // binding their shared libraries' symbols took a third of every start, more than a
            // recording command's write. Debug builds, which the tests use, keep them shared (a
            // test binary would otherwise hold a second runtime beside the one swift-testing
            // loads). The libraries the static Foundation needs are named by hand, since our
            // objects were compiled against the shared one, and lld finds them in any order; all
            // ship with the toolchain.
            // Two more flags for every start, the binary still position-independent:
            // --no-export-dynamic takes back the -export-dynamic that -static-stdlib adds, which
            // put 43,000 of our symbols in the dynamic table (the runtime's start-up _dl_addr
            // walked them all); -z pack-relative-relocs writes the 132,000 relocations the loader
            // applies at start in 25 KB instead of 3 MB, where glibc can read them.
            // libstdc++, libgcc, ncurses and zlib are linked from their archives where the host
            // has them (staticLibraryFolders): the loader finding, mapping and binding them, the
            // shared libstdc++'s symbols most of all, was 0.8 ms of every start's CPU.
            linkerSettings: [
                .unsafeFlags(staticReleaseLink, .when(configuration: .release)),
            ]
        ),
        // Figures for the README's targets: `swift run -c release --disable-default-traits sitrep-bench frame`.
        .executableTarget(
            name: "sitrep-bench",
            dependencies: [
                "IncidentCore",
                "SitrepTUI",
                "JournalPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/SitrepBench"
        ),
        // What every test target shares: temporary folders, waiting on a condition, reading a journal.
        // SitrepCollect for the way it spawns children (signals reset), which ChildProcess shares.
        .target(name: "TestSupport", dependencies: ["IncidentCore", "SitrepCollect"], path: "Tests/TestSupport"),
        .testTarget(name: "IncidentCoreTests", dependencies: ["IncidentCore", "TestSupport"]),
        .testTarget(name: "SitrepTUITests", dependencies: ["SitrepTUI", "TestSupport"]),
        .testTarget(
            name: "SitrepCollectTests",
            dependencies: [
                "SitrepCollect",
                "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "JournalPostgresTests",
            dependencies: ["JournalPostgres", "TestSupport", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(name: "SitrepCLITests", dependencies: ["IncidentCore", "SitrepCollect", "sitrep", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
