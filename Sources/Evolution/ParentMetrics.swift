import MemberwiseInit

/// What a prompt says about one parent: its size and validation accuracy.
@MemberwiseInit
public struct ParentMetrics: Sendable, Equatable {
  public var params: Int
  public var validationAccuracy: Float

  /// The target a prompt asks for (the paper's): 90% of the smallest parent's size rounded to 100, and 102% of
  /// the best parent's accuracy rounded to 0.1% (at most 100%).
  public static func target(for parents: [ParentMetrics]) -> ParentMetrics {
    let smallest = parents.map(\.params).min() ?? 0
    let best = parents.map(\.validationAccuracy).max() ?? 0
    let size = Swift.max(100, Int((Double(smallest) * 0.9 / 100).rounded()) * 100)
    let accuracy = Swift.min(1, Float((Double(best) * 1.02 * 1000).rounded() / 1000))
    return ParentMetrics(params: size, validationAccuracy: accuracy)
  }

  /// The target of a shrink prompt (`PromptStyle.shrink`): half the smallest parent's size rounded to 100 (at least
  /// 100), at the best parent's accuracy. Half, because the hypervolume is measured on log10 parameters: each
  /// halving that keeps the error below α extends the front by the same width.
  public static func shrinkTarget(for parents: [ParentMetrics]) -> ParentMetrics {
    let smallest = parents.map(\.params).min() ?? 0
    let size = Swift.max(100, Int((Double(smallest) * 0.5 / 100).rounded()) * 100)
    return ParentMetrics(params: size, validationAccuracy: parents.map(\.validationAccuracy).max() ?? 0)
  }
}
