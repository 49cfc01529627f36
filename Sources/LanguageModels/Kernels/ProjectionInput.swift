/// One input row of a projection in the form each weight type multiplies with (see `GGMLTypeTraits.activation`).
struct ProjectionInput {
  /// The floats, rounded as llama.cpp rounds them for float weights (`ActivationRounding`).
  let floats: UnsafePointer<Float>
  /// Q8_0/Q8_1 blocks of 32 (Q4_0, Q4_1, Q5_0, Q8_0 weights).
  let blocks: QuantizedActivation
  /// Q8_K blocks of 256 (Q4_K, Q6_K weights).
  let superBlocks: SuperBlockActivation
}

/// The activation format a weight type's kernels read.
enum ActivationFormat: Sendable {
  /// Floats after `ActivationRounding` (F32, F16, BF16).
  case floats
  /// `QuantizedActivation`: ggml's Q8_0 (and Q8_1's block sums).
  case blocks
  /// `SuperBlockActivation`: ggml's Q8_K.
  case superBlocks
}
