// swift-tools-version:6.1
import PackageDescription

/// Micro-benchmarks (ordo-one/benchmark) of Sekisho's hot spots, in a package of their own so that
/// `swift build` and `swift test` of Sekisho never build the benchmark tool. Run from this folder:
/// `swift package --disable-sandbox benchmark` (docs/benchmarks.md).
let package = Package(
    name: "sekisho-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "sekisho", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SekishoBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SekishoCore", package: "sekisho"),
                .product(name: "SekishoStore", package: "sekisho"),
                .product(name: "SekishoWeb", package: "sekisho"),
                .product(name: "QRCode", package: "sekisho"),
            ],
            path: "Benchmarks/SekishoBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
