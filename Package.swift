// swift-tools-version:6.2
import PackageDescription

/// Settings for every target of ours (not for dependencies): Swift 6 mode comes from the tools version.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .treatAllWarnings(as: .error),
]

/// The hot path's targets also skip run-time exclusivity checks in release builds: measured at several µs per
/// request (access-set bookkeeping in thread-local storage), and their state is confined to one thread anyway.
let hotPathSettings: [SwiftSetting] =
    strictSettings + [
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
    ]

let package = Package(
    name: "VersionGate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "versiongate", targets: ["versiongate"]),
        .executable(name: "versiongate-fuzz", targets: ["VersionGateFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-http-structured-headers", from: "1.7.0"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(name: "CEpoll"),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "ContentCoding", dependencies: ["CZlib"], swiftSettings: hotPathSettings),
        .target(name: "EventLoop", dependencies: ["CEpoll", "CMalloc"], swiftSettings: hotPathSettings),
        .target(name: "CurlClient", dependencies: ["CCurl", "EventLoop"], swiftSettings: hotPathSettings),
        .target(name: "Versioning", dependencies: ["Yams"], swiftSettings: hotPathSettings),
        .target(
            name: "Store",
            dependencies: [
                "Versioning",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Usage",
            dependencies: [
                "Store", "Versioning",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: hotPathSettings
        ),
        .target(name: "Reports", dependencies: ["Store", "Versioning"], swiftSettings: strictSettings),
        .target(name: "Checks", dependencies: ["Versioning"], swiftSettings: strictSettings),
        .target(
            name: "Clients",
            dependencies: ["Store", "Versioning", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "Gateway",
            dependencies: [
                "EventLoop", "CurlClient", "Versioning", "Usage", "Clients", "ContentCoding",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "SampleUpstream",
            dependencies: [
                "Versioning",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "versiongate",
            dependencies: [
                "Gateway", "Versioning", "SampleUpstream", "Store", "Usage", "Reports", "Checks", "Clients",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        // libFuzzer harnesses for the parsers of untrusted bytes (README: "Fuzzing"); a normal build replays inputs.
        .executableTarget(
            name: "VersionGateFuzz",
            dependencies: ["Gateway", "Versioning"],
            path: "Fuzz",
            exclude: ["Corpus"],
            swiftSettings: strictSettings
        ),
        // Micro-benchmarks of the translator and the request framer: `swift package benchmark` (README).
        .executableTarget(
            name: "HotPath",
            dependencies: ["Gateway", "CurlClient", "Versioning", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/HotPath",
            swiftSettings: strictSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "Store",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VersioningTests",
            dependencies: ["Versioning", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "Versioning", "TestSupport", "Store", "Usage", "Clients", "ContentCoding",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store", "TestSupport",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "UsageTests",
            dependencies: [
                "Usage", "Store", "Versioning", "TestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Store", "Versioning", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ChecksTests",
            dependencies: ["Checks", "Versioning", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ClientsTests",
            dependencies: ["Clients", "Store", "Versioning", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "ContentCodingTests", dependencies: ["ContentCoding"], swiftSettings: strictSettings),
        .testTarget(name: "SampleUpstreamTests", dependencies: ["SampleUpstream"], swiftSettings: strictSettings),
        .testTarget(
            name: "versiongateTests",
            dependencies: ["versiongate", "VersionGateFuzz", "Store", "Clients", "ContentCoding", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CurlClientTests",
            dependencies: ["CurlClient", "EventLoop", "TestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
