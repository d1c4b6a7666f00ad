// swift-tools-version:6.0
import PackageDescription

/// Tidemark: a staged ETL for cross-border sellers.
/// Data flows one way: CSV → Ingest → Normalize → Warehouse → Metrics → Reports, with Pipeline and the CLI on top.
let package = Package(
    name: "Tidemark",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tidemark", targets: ["tidemark"]),
        .executable(name: "tidemark-bench", targets: ["TidemarkBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries, each declared plainly (Debian ships no pkg-config file for libcsv).
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "COpenSSL", providers: [.apt(["libssl-dev"])]),

        // Stages.
        .target(name: "TidemarkCSV", dependencies: ["CLibCSV"]),
        .target(name: "TidemarkCommerce", dependencies: ["COpenSSL"]),
        .target(name: "TidemarkIngest", dependencies: ["TidemarkCSV", "TidemarkCommerce"]),
        .target(name: "TidemarkNormalize", dependencies: ["TidemarkCommerce", "TidemarkIngest"]),
        .target(name: "TidemarkWarehouse", dependencies: ["CSQLite", "TidemarkCommerce", "TidemarkIngest"]),
        .target(name: "TidemarkMetrics", dependencies: ["TidemarkCommerce", "TidemarkNormalize", "TidemarkWarehouse"]),
        .target(name: "TidemarkGenerate", dependencies: ["TidemarkCommerce"]),
        .target(name: "TidemarkReports", dependencies: ["TidemarkCSV", "TidemarkCommerce", "TidemarkIngest", "TidemarkMetrics"]),
        .target(
            name: "TidemarkPipeline",
            dependencies: [
                "TidemarkCSV", "TidemarkCommerce", "TidemarkIngest", "TidemarkNormalize", "TidemarkWarehouse",
                "TidemarkMetrics", "TidemarkReports",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "tidemark",
            dependencies: [
                "TidemarkPipeline", "TidemarkIngest", "TidemarkCommerce", "TidemarkGenerate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(name: "TidemarkBench", dependencies: ["TidemarkCSV", "TidemarkIngest", "TidemarkGenerate"]),

        // Tests: one target per stage, plus end-to-end tests of the real binary.
        .target(name: "TidemarkTestSupport", dependencies: ["TidemarkCommerce"], path: "Tests/TidemarkTestSupport"),
        .testTarget(name: "TidemarkCSVTests", dependencies: ["TidemarkCSV", "TidemarkTestSupport"]),
        .testTarget(name: "TidemarkCommerceTests", dependencies: ["TidemarkCommerce", "TidemarkTestSupport"]),
        .testTarget(name: "TidemarkIngestTests", dependencies: ["TidemarkIngest", "TidemarkTestSupport"]),
        .testTarget(name: "TidemarkNormalizeTests", dependencies: ["TidemarkNormalize", "TidemarkTestSupport"]),
        .testTarget(name: "TidemarkWarehouseTests", dependencies: ["TidemarkWarehouse", "TidemarkTestSupport"]),
        .testTarget(name: "TidemarkMetricsTests", dependencies: ["TidemarkMetrics", "TidemarkTestSupport"]),
        .testTarget(name: "TidemarkReportsTests", dependencies: ["TidemarkReports", "TidemarkTestSupport"]),
        .testTarget(name: "TidemarkPipelineTests", dependencies: ["TidemarkPipeline", "TidemarkTestSupport", "TidemarkGenerate"]),
        .testTarget(name: "TidemarkEndToEndTests", dependencies: ["TidemarkWarehouse", "TidemarkTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
