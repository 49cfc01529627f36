import EvoTensor
import Sessions

/// The paper's selection rules: parents are the fittest evaluated candidates (validation error below α) that have
/// not been used as parents yet, and each prompt draws its parents uniformly from them.
public struct ParentSelection: Sendable {
  public var parentCount: Int
  public var alpha: Float
  public var randomParents: Bool

  public init(parentCount: Int, alpha: Float, randomParents: Bool) {
    self.parentCount = parentCount
    self.alpha = alpha
    self.randomParents = randomParents
  }

  /// The next parents: the `parentCount` fittest eligible candidates, or a random draw of all evaluated ones when
  /// `randomParents` is set. Retired candidates (already used as parents) are excluded.
  public func select(from state: SessionState, retired: Set<String>, using generator: inout RandomSource) -> [String] {
    let eligible = state.evaluatedByFitness.filter { !retired.contains($0.id) }
    if randomParents {
      return Array(eligible.map(\.id).shuffled(using: &generator).prefix(parentCount))
    }
    return Array(eligible.filter { ($0.validationError ?? 1) < alpha }.prefix(parentCount).map(\.id))
  }

  /// `k` parents for one prompt, drawn uniformly without replacement (all of them when fewer exist).
  public static func drawPrompt(parents: [String], k: Int, using generator: inout RandomSource) -> [String] {
    Array(parents.shuffled(using: &generator).prefix(k))
  }
}
