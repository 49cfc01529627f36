import MemberwiseInit

/// The values of one probe over a batch, row-major, as dm-clrs batches them (`DataPoint.data`).
///
/// Shapes, with B samples of N nodes and T the batch's padded hint length:
/// - inputs and outputs: node `[B, N]`, edge `[B, N, N]`, graph `[B]`;
/// - hints: the same with a leading time axis, `[T, B, …]` (steps past a sample's length are zero padding);
/// - categorical probes add a trailing one-hot axis `[…, C]`; `mask_one` is a one-hot over the nodes `[B, N]`;
/// - a `pointer` holds the index of the node pointed to, as a Float (`[B, N]`); a `permutation_pointer` is the
///   one-hot matrix `[B, N, N]`.
public struct CLRSProbeArray: Sendable, Equatable {
  public var spec: CLRSProbeSpec
  public var shape: [Int]
  public var values: [Float]

  public init(spec: CLRSProbeSpec, shape: [Int], values: [Float]) {
    precondition(shape.reduce(1, *) == values.count, "probe \(spec.name): \(values.count) values for shape \(shape)")
    self.spec = spec
    self.shape = shape
    self.values = values
  }
}

/// A batch of trajectories of one algorithm at one graph size: what a CLRS model trains and is scored on
/// (dm-clrs `Feedback`: inputs, hints and lengths, plus the outputs).
@MemberwiseInit
public struct CLRSBatch: Sendable, Equatable {
  public var algorithm: CLRSAlgorithmSpec
  /// Samples in the batch (B).
  public var batchSize: Int
  /// Nodes per graph (N); every sample of a batch has the same.
  public var nodeCount: Int
  /// Each sample's true hint length (number of hint steps, T_b ≤ the padded T).
  public var hintLengths: [Int]
  /// One array per input probe, in the spec's order.
  public var inputs: [CLRSProbeArray]
  /// One array per hint probe, in the spec's order, each with the leading time axis.
  public var hints: [CLRSProbeArray]
  /// One array per output probe, in the spec's order.
  public var outputs: [CLRSProbeArray]

  /// The padded hint length T: the leading axis of every hint array, which may exceed every sample's length
  /// (run.py pads on-the-fly batches to a tracked maximum per graph size).
  public var paddedHintLength: Int { hints.first?.shape.first ?? hintLengths.max() ?? 0 }
}
