// swift-tools-version:6.0
import PackageDescription

/// Kernels are written against unsafe buffers; release builds are what users run and what we time.
let optimized: [SwiftSetting] = [
  .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))
]

let package = Package(
  name: "EvoPrompting",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "evoprompting", targets: ["evoprompting"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .systemLibrary(
      name: "CBLAS",
      path: "Sources/CBLAS",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .target(name: "EvoTensor", dependencies: ["CBLAS"], swiftSettings: optimized),
    .target(
      name: "LanguageModels",
      dependencies: ["CBLAS", "EvoTensor"],
      // The integer kernels use AVX2/FMA/F16C (x86-64 Linux, the machines this runs on; elsewhere portable code).
      swiftSettings: optimized + [.unsafeFlags(["-target-cpu", "haswell"], .when(platforms: [.linux]))]
    ),
    .testTarget(
      name: "LanguageModelsTests",
      dependencies: ["LanguageModels"],
      resources: [.copy("Fixtures")]
    ),
    .executableTarget(
      name: "evoprompting",
      dependencies: [
        "EvoTensor",
        "LanguageModels",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: optimized
    ),
  ],
  swiftLanguageModes: [.v6]
)
