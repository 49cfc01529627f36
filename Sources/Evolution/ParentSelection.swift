import EvoTensor
import MemberwiseInit
import Sessions

/// The paper's selection rules: parents are the fittest evaluated candidates (validation error below α) that have
/// not been used as parents yet, and each prompt draws its parents uniformly from them.
@MemberwiseInit
public struct ParentSelection: Sendable {
  public var parentCount: Int
  public var alpha: Float
  public var randomParents: Bool

  /// The next parents: the `parentCount` fittest eligible candidates, or a random draw of all evaluated ones when
  /// `randomParents` is set. Retired candidates (already used as parents) are excluded.
  public func select(from state: SessionState, retired: Set<String>, using generator: inout RandomSource) -> [String] {
    let eligible = state.evaluatedByFitness.filter { !retired.contains($0.id) }
    if randomParents {
      return Array(eligible.map(\.id).shuffled(using: &generator).prefix(parentCount))
    }
    return Array(eligible.filter { ($0.validationError ?? 1) < alpha }.prefix(parentCount).map(\.id))
  }

  /// The parent of a shrink prompt (`PromptStyle.shrink`): one of the smaller half of the Pareto front of (parameters,
  /// validation error) over every evaluated candidate below α, retired or not, drawn uniformly; nil when none is
  /// below α. The front's small end is where a halving adds the most hypervolume.
  public func shrinkParent(from state: SessionState, using generator: inout RandomSource) -> String? {
    let points = state.evaluatedByFitness.compactMap(ParetoPoint.init).filter { $0.validationError < Double(alpha) }
    let front = ParetoFront.front(of: points)
    guard !front.isEmpty else { return nil }
    return front[generator.nextInt(below: (front.count + 1) / 2)].id
  }

  /// `k` parents for one prompt, drawn uniformly without replacement (all of them when fewer exist).
  public static func drawPrompt(parents: [String], k: Int, using generator: inout RandomSource) -> [String] {
    Array(parents.shuffled(using: &generator).prefix(k))
  }
}
