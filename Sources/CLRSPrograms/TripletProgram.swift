import ArchLang
import EvoTensor
import Tasks

/// A triplet-message function written as a PyTorch program, trained inside the CLRS network like any candidate.
///
/// The program defines an `nn.Module` subclass (`TripletMessages`, else the class `Program.modelSelection` picks)
/// with `__init__(self, hidden, nb_triplet_fts, out_size)` and `forward(self, z, edge_fts, graph_fts)`:
/// `z [B, N, 2H]`, `edge_fts [B, N, N, H]`, `graph_fts [B, H]` in, `[B, N, N, out_size]` out
/// (`CLRSTripletContract`). The processor applies the ReLU after it. Its linear layers start as dm-clrs's do
/// (`CLRSInitializer.reinitializeLinearLayers`), not as PyTorch's.
public final class TripletProgram: CLRSTripletMessages {
  /// The class a triplet program is expected to define.
  public static let className = "TripletMessages"

  public let compiled: CompiledModule

  /// Builds `source` for a network of hidden size `hidden`; `seed` draws its weights; `limits` bound each call.
  public init(
    source: String, hidden: Int, tripletFeatures: Int, outSize: Int, seed: UInt64, limits: InterpreterLimits
  ) throws(ArchLangError) {
    let program = try Program.parseAndCheck(source)
    let className = program.moduleClassNames.contains(Self.className) ? Self.className : nil
    compiled = try CompiledModule.compile(
      source, className: className, arguments: [hidden, tripletFeatures, outSize], seed: seed, limits: limits)
    var generator = RandomSource(seed: seed &+ 0x7219_1E7)
    CLRSInitializer.reinitializeLinearLayers(compiled.module.namedParameters(), using: &generator)
  }

  public var parameters: [Tensor] { compiled.module.parameters() }

  public var parameterCount: Int { compiled.parameterCount }

  public func messages(z: Tensor, edges: Tensor, graph: Tensor) throws -> Tensor {
    try compiled.forward([z, edges, graph])
  }

  /// Copies dm-clrs's triplet parameters (`role.w` / `role.b` as `CLRSNetwork.loadReferenceParameters` returns
  /// them) into the program's linear layers of the same names: `self.t_1 = nn.Linear(...)` takes `t_1.w` and
  /// `t_1.b`. Throws when the program lacks a role's layer or its shape differs (a program other than
  /// `seeds/clrs/standard.py`'s layout).
  public func loadReferenceParameters(_ values: [String: CLRSReferenceParameter]) throws {
    let named = Dictionary(
      compiled.module.namedParameters().map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first })
    for (role, _) in CLRSNetwork.referenceTripletRoles {
      guard let weight = named[role + ".weight"], let bias = named[role + ".bias"], let w = values[role + ".w"],
        let b = values[role + ".b"], w.shape.count == 2, weight.shape == [w.shape[1], w.shape[0]],
        bias.count == b.values.count
      else {
        throw CLRSModelError.referenceParameters(
          "the triplet program has no layer \(role) shaped as dm-clrs's (seeds/clrs/standard.py has them all)")
      }
      try CLRSNetwork.place(w, intoRows: 0, of: weight)
      try CLRSNetwork.place(b, at: 0, of: bias)
    }
  }

  /// A factory for `CLRSTrainer`: each network gets its own build of `source`, with limits sized for the largest
  /// batch it will see (`limits(batchSize:nodeCount:hidden:tripletFeatures:)`).
  public static func factory(source: String, limits: @escaping (Int, Int) -> InterpreterLimits) -> CLRSTripletFactory {
    { hidden, features, outSize, seed in
      try TripletProgram(
        source: source, hidden: hidden, tripletFeatures: features, outSize: outSize, seed: seed,
        limits: limits(hidden, features))
    }
  }

  /// Interpreter limits for a triplet program on batches of up to `batchSize` graphs of `nodeCount` nodes: the
  /// default limits, raised so that a few `[B, N, N, N, F]` tensors (the reference's own triplets) fit in one call.
  public static func limits(batchSize: Int, nodeCount: Int, hidden: Int, tripletFeatures: Int) -> InterpreterLimits {
    var limits = InterpreterLimits()
    let triplets = batchSize * nodeCount * nodeCount * nodeCount * Swift.max(tripletFeatures, 1)
    let edges = batchSize * nodeCount * nodeCount * Swift.max(hidden, 1)
    let largest = Swift.max(triplets, edges)
    limits.maximumTensorElements = Swift.max(limits.maximumTensorElements, 2 * largest)
    limits.maximumAllocatedUnits = Swift.max(limits.maximumAllocatedUnits, 64 * largest)
    limits.maximumSeconds = nil
    return limits
  }
}
