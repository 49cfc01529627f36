// swift-tools-version:6.0
import CompilerPluginSupport
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
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
  ],
  targets: [
    // `@MemberwiseInit`: the public memberwise initialiser Swift synthesises only as internal, for the public
    // structs other modules build (events, settings, reports).
    .macro(
      name: "MemberwiseInitMacros",
      dependencies: [
        .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
        .product(name: "SwiftDiagnostics", package: "swift-syntax"),
        .product(name: "SwiftSyntax", package: "swift-syntax"),
        .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
      ]
    ),
    .target(name: "MemberwiseInit", dependencies: ["MemberwiseInitMacros"]),
    .testTarget(
      name: "MemberwiseInitTests",
      dependencies: [
        "MemberwiseInitMacros", .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
        .product(name: "SwiftSyntaxMacrosTestSupport", package: "swift-syntax"),
      ]
    ),
    .systemLibrary(
      name: "CBLAS",
      path: "Sources/CBLAS",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
    // The seeded generator every random draw comes from (initialisation, shuffling, sampling tokens).
    .target(name: "Randomness", swiftSettings: optimized),
    .target(name: "EvoTensor", dependencies: ["CBLAS", "CMalloc", "Randomness"], swiftSettings: optimized),
    .systemLibrary(
      name: "CZlib",
      path: "Sources/CZlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .target(name: "Tasks", dependencies: ["EvoTensor", "CZlib", "MemberwiseInit"], swiftSettings: optimized),
    // The seed programs, `seeds/*.py` and `seeds/clrs/*.py`, compiled into the binary: the files are the one source
    // of truth, and a binary copied elsewhere (and its worker processes) still has them.
    .target(
      name: "Seeds", path: "seeds",
      resources: [
        .embedInCode("cnn.py"), .embedInCode("mlp.py"), .embedInCode("gru.py"), .embedInCode("large_cnn.py"),
        .embedInCode("params.json"), .embedInCode("clrs"),
      ]
    ),
    .target(name: "ArchLang", dependencies: ["EvoTensor", "Seeds", "MemberwiseInit"], swiftSettings: optimized),
    // CLRS's triplet-message function as an ArchLang program: the adapter between the two (Tasks does not import
    // ArchLang).
    .target(
      name: "CLRSPrograms", dependencies: ["ArchLang", "Tasks", "EvoTensor", "Seeds", "MemberwiseInit"],
      swiftSettings: optimized
    ),
    .testTarget(
      name: "CLRSProgramsTests", dependencies: ["CLRSPrograms", "ArchLang", "Tasks", "EvoTensor"],
      swiftSettings: optimized
    ),
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
    .target(name: "Sessions", dependencies: ["MemberwiseInit"], swiftSettings: optimized),
    .testTarget(name: "SessionsTests", dependencies: ["Sessions"]),
    .target(
      name: "LanguageModels",
      dependencies: ["CBLAS", "Randomness", "MemberwiseInit"],
      // The integer kernels use AVX2/FMA/F16C (x86-64 Linux, the machines this runs on; elsewhere portable code).
      swiftSettings: optimized + [.unsafeFlags(["-target-cpu", "haswell"], .when(platforms: [.linux]))]
    ),
    // A loopback HTTP server that plays scripted replies, shared by the backend and end-to-end search tests.
    .target(name: "HTTPTestSupport", dependencies: ["LanguageModels"], path: "Tests/HTTPTestSupport"),
    // Running commands in tests, and the prerequisites a test skips without (and fails without under CI=true).
    .target(name: "ProcessTestSupport", path: "Tests/ProcessTestSupport"),
    .testTarget(
      name: "LanguageModelsTests",
      dependencies: ["LanguageModels", "HTTPTestSupport", "ProcessTestSupport"],
      resources: [.copy("Fixtures")]
    ),
    .target(
      name: "Evolution",
      dependencies: [
        "EvoTensor", "Tasks", "Sessions", "LanguageModels", "ArchLang", "PromptTuning", "CLRSPrograms",
        "MemberwiseInit",
      ],
      swiftSettings: optimized
    ),
    .testTarget(
      name: "EvolutionTests",
      dependencies: [
        "Evolution", "Sessions", "LanguageModels", "Tasks", "ArchLang", "HTTPTestSupport", "ProcessTestSupport",
      ],
      // The reply corpus is read from the source tree (ReplyCorpusTests), not bundled.
      exclude: ["Fixtures"]
    ),
    .systemLibrary(
      name: "CNcursesw",
      path: "Sources/CNcursesw",
      pkgConfig: "ncursesw",
      providers: [.apt(["libncurses-dev"])]
    ),
    .target(name: "TerminalUI", dependencies: ["Sessions", "CNcursesw", "MemberwiseInit"], swiftSettings: optimized),
    .testTarget(
      name: "TerminalUITests", dependencies: ["TerminalUI", "Sessions", "ProcessTestSupport"],
      resources: [.copy("Fixtures")]),
    .target(
      name: "ConstrainedDecoding",
      dependencies: ["LanguageModels", "ArchLang", "CLRSPrograms", "Randomness", "MemberwiseInit"],
      swiftSettings: optimized
    ),
    .testTarget(
      name: "ConstrainedDecodingTests",
      dependencies: [
        "ConstrainedDecoding", "LanguageModels", "ArchLang", "Evolution", "ProcessTestSupport", "CLRSPrograms",
      ],
      swiftSettings: optimized
    ),
    // Soft prompt-tuning: a differentiable llama forward pass on EvoTensor, trained between search rounds.
    .target(
      name: "PromptTuning",
      dependencies: ["EvoTensor", "LanguageModels", "MemberwiseInit"],
      swiftSettings: optimized
    ),
    .testTarget(
      name: "PromptTuningTests",
      dependencies: ["PromptTuning", "EvoTensor", "LanguageModels", "Evolution"],
      resources: [.copy("Fixtures")],
      swiftSettings: optimized
    ),
    .executableTarget(
      name: "evoprompting",
      dependencies: [
        "EvoTensor", "Tasks", "Sessions", "LanguageModels", "ArchLang", "Evolution", "TerminalUI",
        "ConstrainedDecoding", "PromptTuning", "CLRSPrograms",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: optimized
    ),
    .testTarget(name: "EvoTensorTests", dependencies: ["EvoTensor", "Tasks"], resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v6]
)
