/// Which elements of a head vector rotary position embedding rotates together.
public enum RopeStyle: Sendable {
  /// `(x[2i], x[2i+1])`: ggml's normal mode, used by `llama` GGUFs (the converter permuted q/k to match).
  case adjacentPairs
  /// `(x[i], x[i + n/2])`: ggml's NEOX mode, used by `qwen2`.
  case splitHalves
}
