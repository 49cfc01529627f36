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
    .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
    .target(name: "EvoTensor", dependencies: ["CBLAS", "CMalloc"], swiftSettings: optimized),
    .systemLibrary(
      name: "CZlib",
      path: "Sources/CZlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .target(name: "Tasks", dependencies: ["EvoTensor", "CZlib"], swiftSettings: optimized),
    .target(name: "ArchLang", dependencies: ["EvoTensor"], swiftSettings: optimized),
    .testTarget(
      name: "ArchLangTests",
      dependencies: ["ArchLang", "EvoTensor"],
      resources: [.copy("Fixtures")],
      swiftSettings: optimized
    ),
    .testTarget(
      name: "TasksTests",
      dependencies: ["Tasks", "EvoTensor"],
      resources: [.copy("Fixtures")],
      swiftSettings: optimized
    ),
    .executableTarget(
      name: "evoprompting",
      dependencies: [
        "EvoTensor", "Tasks", "ArchLang",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: optimized
    ),
    .testTarget(name: "EvoTensorTests", dependencies: ["EvoTensor", "Tasks"], resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v6]
)
