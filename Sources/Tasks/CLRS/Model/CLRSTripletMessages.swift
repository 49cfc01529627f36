import EvoTensor
import MemberwiseInit

/// The triplet-message function of a Triplet-GMPNN processor (Ibarz et al. 2022, `get_triplet_msgs` plus the
/// reduction and output map that follow it): the part of the network the EvoPrompting search evolves.
///
/// Contract, with B graphs of N nodes, H the hidden size and F the triplet feature count:
/// - built with `(hidden: H, tripletFeatures: F, outSize: H)`;
/// - `messages(z:edges:graph:)` takes `z [B, N, 2H]` (node features and hidden state side by side),
///   `edges [B, N, N, H]` and `graph [B, H]`, and returns `[B, N, N, outSize]`;
/// - the processor applies ReLU to the result and hands it to the decoders as the edge part of `e_t`.
/// The reference's own function builds seven `Linear(F)` maps, sums them into `[B, N, N, N, F]`, takes the max over
/// the first node axis and maps the result with `Linear(outSize)` (`seeds/clrs/standard.py`).
public protocol CLRSTripletMessages: AnyObject {
  /// Every trainable tensor of the function.
  var parameters: [Tensor] { get }
  /// The messages for one processor step; throws when the function fails (a candidate program's error).
  func messages(z: Tensor, edges: Tensor, graph: Tensor) throws -> Tensor
}

/// Builds a triplet function for a network of a given width; `seed` draws its initial weights.
public typealias CLRSTripletFactory = (_ hidden: Int, _ tripletFeatures: Int, _ outSize: Int, _ seed: UInt64) throws
  -> any CLRSTripletMessages

/// The triplet function's shapes, for checking a candidate before it trains.
@MemberwiseInit
public struct CLRSTripletContract: Sendable, Hashable {
  public var batchSize: Int = 2
  public var nodeCount: Int = 5
  public var hidden: Int = 16
  public var tripletFeatures: Int = 8

  /// `z`, `edges` and `graph` shapes, in the order the function takes them.
  public var inputShapes: [[Int]] {
    [[batchSize, nodeCount, 2 * hidden], [batchSize, nodeCount, nodeCount, hidden], [batchSize, hidden]]
  }

  /// The shape the function must return.
  public var outputShape: [Int] { [batchSize, nodeCount, nodeCount, hidden] }
}
