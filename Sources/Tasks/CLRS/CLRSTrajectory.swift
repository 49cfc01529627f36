/// One run of an algorithm on one input: every input, every hint at every step and every output, unbatched (dm-clrs's
/// `ProbesDict` after `probing.finalize`, one sample).
///
/// Shapes: node `[N]` (categorical `[N, C]`), edge `[N, N]`, graph `[]` (categorical `[C]`); hints add a leading
/// time axis of length `hintLength` (t = 0 is the initial state). Pointers hold node indices as Floats.
public struct CLRSTrajectory: Sendable, Equatable {
  /// Which probes the arrays follow.
  public enum Layout: Sendable, Equatable {
    /// `CLRSAlgorithm.referenceProbes`: what the algorithm records (a `should_be_permutation` is a pointer array).
    case reference
    /// `CLRSAlgorithm.spec`: after run.py's transforms, what a model and `CLRSBatch` use.
    case runPy
  }

  public var algorithm: CLRSAlgorithm
  public var layout: Layout
  /// N, the nodes (graph vertices, points, keys or activities).
  public var nodeCount: Int
  /// T, the number of hint steps (the initial state included).
  public var hintLength: Int
  /// In the layout's order.
  public var inputs: [CLRSProbeArray]
  public var hints: [CLRSProbeArray]
  public var outputs: [CLRSProbeArray]

  /// Every array of every stage, inputs first.
  public var allArrays: [CLRSProbeArray] { inputs + hints + outputs }

  /// The array of the probe named `name` in `stage`, if there is one.
  public func array(_ name: String, stage: CLRSStage) -> CLRSProbeArray? {
    switch stage {
    case .input: inputs.first { $0.spec.name == name }
    case .hint: hints.first { $0.spec.name == name }
    case .output: outputs.first { $0.spec.name == name }
    }
  }

  /// The values of hint `name` at step `t` (one step's slice of the time axis).
  public func hint(_ name: String, at step: Int) -> ArraySlice<Float>? {
    guard let array = array(name, stage: .hint), step >= 0, step < hintLength else { return nil }
    let stride = array.values.count / max(hintLength, 1)
    return array.values[(step * stride)..<((step + 1) * stride)]
  }
}

extension CLRSProbeArray {
  /// Elements per sample (inputs and outputs) or per sample and step (hints), e.g. N for a node scalar.
  var elementsPerStep: Int {
    spec.stage == .hint ? shape.dropFirst().reduce(1, *) : shape.reduce(1, *)
  }
}
