import EvoTensor

/// The reference's parameter initialisation (haiku, as dm-clrs 2.0.3 uses it).
///
/// `hk.Linear` draws its weights from `TruncatedNormal(stddev = 1/sqrt(fan_in))`: a normal cut at ±2 standard
/// deviations and *not* rescaled afterwards (so the spread is about 0.88 of `stddev`), with zero biases. dm-clrs
/// changes two things: hint scalar encoders use `stddev = 1/sqrt(H)` ("xavier_on_scalars"), and the gate's last
/// linear starts its bias at -3 (gates start mostly closed, so the hidden state is mostly carried over).
public enum CLRSInitializer {
  /// Values of a normal with `stddev`, truncated to ±2 `stddev`, as `hk.initializers.TruncatedNormal` draws them.
  public static func truncatedNormal(_ shape: [Int], stddev: Float, using generator: inout RandomSource) -> Tensor {
    let count = shape.reduce(1, *)
    var values = [Float](repeating: 0, count: count)
    for i in 0..<count {
      var sample = generator.normal()
      while abs(sample) > 2 { sample = generator.normal() }
      values[i] = sample * stddev
    }
    return Tensor(values, shape: shape, requiresGrad: true)
  }

  /// A `[out, in]` weight as `hk.Linear(out)` on `in` features initialises it (EvoTensor's `[out, in]` layout).
  public static func linearWeight(out: Int, in fanIn: Int, using generator: inout RandomSource) -> Tensor {
    truncatedNormal([out, fanIn], stddev: 1 / Float(fanIn).squareRoot(), using: &generator)
  }

  /// A bias of `count` zeros (or `value`), trainable.
  public static func bias(_ count: Int, value: Float = 0) -> Tensor {
    Tensor.full([count], value, requiresGrad: true)
  }

  /// Re-initialises every `nn.Linear`-style parameter pair of a module as `hk.Linear` would: each rank-2 `weight`
  /// from a truncated normal with `stddev = 1/sqrt(in)`, each `bias` next to one to zero. Other parameters (a layer
  /// norm's scale and offset, an embedding) keep the values their layer gave them.
  ///
  /// A candidate triplet function is written in PyTorch style, and PyTorch initialises `nn.Linear` differently
  /// (uniform in ±1/sqrt(in), non-zero biases); training it inside the reference network must start it as the
  /// reference starts its own linear layers.
  public static func reinitializeLinearLayers(
    _ named: [(name: String, tensor: Tensor)], using generator: inout RandomSource
  ) {
    let weights = Dictionary(named.map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first })
    for (name, tensor) in named where tensor.rank == 2 && (name == "weight" || name.hasSuffix(".weight")) {
      let fanIn = tensor.shape[1]
      let fresh = truncatedNormal(tensor.shape, stddev: 1 / Float(max(fanIn, 1)).squareRoot(), using: &generator)
      tensor.basePointer.update(from: fresh.basePointer, count: tensor.count)
      let biasName = String(name.dropLast("weight".count)) + "bias"
      if let bias = weights[biasName], bias.rank == 1, bias.count == tensor.shape[0] {
        bias.basePointer.update(repeating: 0, count: bias.count)
      }
    }
  }
}
