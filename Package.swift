// swift-tools-version: 6.2
import PackageDescription

/// Settings every CareerGini target shares: Swift 6 mode (strict concurrency) and
/// the upcoming features that keep imports and existentials explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")

/// One executable per service; each owns its folder under `Services/`.
func service(
    _ name: String, folder: String, resources: [Resource] = [], extraDependencies: [Target.Dependency] = []
) -> Target {
    .executableTarget(
        name: folder,
        dependencies: [
            "ServiceKit", "Contracts", "Database", "RedisKit", "CurlHTTP", "Security", "Taxonomy", hummingbird, logging,
            nioPosix,
        ] + extraDependencies,
        path: "Services/\(folder)",
        resources: [.copy("Migrations")] + resources,
        swiftSettings: swiftSettings
    )
}

let package = Package(
    name: "careergini",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gateway", targets: ["Gateway"]),
        .executable(name: "ai-service", targets: ["AIService"]),
        .executable(name: "profile-service", targets: ["ProfileService"]),
        .executable(name: "job-service", targets: ["JobService"]),
        .executable(name: "learning-service", targets: ["LearningService"]),
        .executable(name: "careergini-bench", targets: ["CareerginiBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", exact: "0.10.0"),
    ],
    targets: [
        // C system libraries: module map + typed shims only.
        .systemLibrary(
            name: "CLibPQ", path: "Shared/CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
        // No pkgConfig: hiredis.pc adds -D_FILE_OFFSET_BITS=64, which SwiftPM rejects
        // with a warning; its headers and library sit in the default paths.
        .systemLibrary(
            name: "CHiredis", path: "Shared/CHiredis",
            providers: [.apt(["libhiredis-dev"]), .brew(["hiredis"])]),
        .systemLibrary(
            name: "CCurl", path: "Shared/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        .systemLibrary(
            name: "CArgon2", path: "Shared/CArgon2", pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"]), .brew(["argon2"])]),
        .systemLibrary(
            name: "COpenSSL", path: "Shared/COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),

        // Shared Swift modules.
        .target(name: "Contracts", path: "Shared/Contracts", swiftSettings: swiftSettings),
        .target(
            name: "Taxonomy", path: "Shared/Taxonomy", resources: [.copy("Resources/taxonomy.json")],
            swiftSettings: swiftSettings),
        .target(
            name: "SkillMatching", dependencies: ["Contracts", "Taxonomy"], path: "Shared/SkillMatching",
            swiftSettings: swiftSettings),
        .target(
            name: "Security", dependencies: ["COpenSSL", "CArgon2"], path: "Shared/Security",
            resources: [.copy("Resources/common-passwords.txt")], swiftSettings: swiftSettings),
        .target(
            name: "ConnectionPool",
            dependencies: [
                logging, nioPosix, serviceLifecycle, .product(name: "DequeModule", package: "swift-collections"),
            ],
            path: "Shared/ConnectionPool", swiftSettings: swiftSettings),
        .target(
            name: "Database",
            dependencies: ["CLibPQ", "ConnectionPool", "Security", logging, serviceLifecycle],
            path: "Shared/Database", swiftSettings: swiftSettings),
        .target(
            name: "RedisKit",
            dependencies: ["CHiredis", "ConnectionPool", "Security", logging, serviceLifecycle],
            path: "Shared/RedisKit", swiftSettings: swiftSettings),
        .target(
            name: "CurlHTTP",
            dependencies: ["CCurl", logging, .product(name: "DequeModule", package: "swift-collections")],
            path: "Shared/CurlHTTP", swiftSettings: swiftSettings),
        .target(
            name: "ServiceKit",
            dependencies: [
                "Contracts", "Database", "RedisKit", "CurlHTTP", "Security", hummingbird, logging, serviceLifecycle,
                nioCore,
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Shared/ServiceKit", swiftSettings: swiftSettings),

        // Services.
        service("Gateway", folder: "Gateway", resources: [.copy("OpenAPI/openapi.json")]),
        service("AIService", folder: "AIService", extraDependencies: ["SkillMatching"]),
        service(
            "ProfileService", folder: "ProfileService",
            extraDependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]),
        service(
            "JobService", folder: "JobService", resources: [.copy("Resources")], extraDependencies: ["SkillMatching"]),
        service(
            "LearningService", folder: "LearningService", resources: [.copy("Resources")],
            extraDependencies: ["SkillMatching"]),

        // Benchmarks driven by `scripts/careergini bench`.
        .executableTarget(
            name: "CareerginiBench",
            dependencies: ["Database", "RedisKit", "ServiceKit", hummingbird, logging, nioCore],
            path: "Benchmarks/CareerginiBench", swiftSettings: swiftSettings),

        // Tests.
        .target(
            name: "TestSupport",
            dependencies: [
                "Database", "RedisKit", "Security", "COpenSSL", "ServiceKit", "Contracts", "CurlHTTP", logging,
                hummingbird, serviceLifecycle, nioCore,
            ],
            path: "Tests/Support", swiftSettings: swiftSettings),
        .testTarget(
            name: "DatabaseTests", dependencies: ["Database", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RedisKitTests", dependencies: ["RedisKit", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CurlHTTPTests", dependencies: ["CurlHTTP", "TestSupport", hummingbird], swiftSettings: swiftSettings),
        .testTarget(
            name: "SecurityTests", dependencies: ["Security", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "TaxonomyTests", dependencies: ["Taxonomy"], swiftSettings: swiftSettings),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "ServiceKit", "TestSupport", "CurlHTTP", "Security", hummingbird,
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AIServiceTests",
            dependencies: [
                "AIService", "ServiceKit", "TestSupport", "CurlHTTP", "Contracts", "Taxonomy", "SkillMatching",
                hummingbird,
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ProfileServiceTests",
            dependencies: [
                "ProfileService", "ServiceKit", "TestSupport", "CurlHTTP", "Contracts", "Database", "Taxonomy",
                hummingbird,
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "JobServiceTests",
            dependencies: [
                "JobService", "ServiceKit", "TestSupport", "CurlHTTP", "Contracts", "Database", "RedisKit", "Taxonomy",
                "SkillMatching", hummingbird,
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "LearningServiceTests",
            dependencies: [
                "LearningService", "ServiceKit", "TestSupport", "CurlHTTP", "Contracts", "Database", "RedisKit",
                "Taxonomy", hummingbird,
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SkillMatchingTests", dependencies: ["SkillMatching", "Taxonomy", "Contracts"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ServiceKitTests",
            dependencies: [
                "ServiceKit", "TestSupport", hummingbird,
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ServicesTests",
            dependencies: [
                "ServiceKit", "TestSupport", "CurlHTTP", "Gateway", "AIService", "ProfileService", "JobService",
                "LearningService", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings),
    ]
)
