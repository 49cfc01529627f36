import Foundation

/// What the study's plots show, shared by the SVG and the terminal rendering: each arm's points and front (pooled
/// over seeds), the seeds, and the axes' ranges (log10 parameters, validation error).
public struct StudyPlotFrame: Sendable {
  public struct Series: Sendable {
    public var arm: String
    /// Every session's front points.
    public var points: [ParetoPoint]
    /// The front of those points.
    public var front: [ParetoPoint]
    public var meanHypervolume: Double
  }

  public var series: [Series]
  public var seeds: [ParetoPoint]
  public var xRange: ClosedRange<Double>
  public var yRange: ClosedRange<Double>

  public init(report: StudyReport) {
    series = report.arms.map { arm in
      let points = report.sessions.filter { $0.arm == arm.arm }.flatMap(\.front)
      return Series(
        arm: arm.arm, points: points, front: ParetoFront.front(of: points), meanHypervolume: arm.hypervolume)
    }
    var seen: Set<String> = []
    seeds = report.sessions.flatMap(\.seeds).filter { seen.insert("\($0.id) \($0.params)").inserted }
    let all = series.flatMap(\.points) + seeds
    let lowest = (all.map(\.logParams).min() ?? 2).rounded(.down)
    xRange = min(lowest, 5)...ParetoFront.referenceLogParams
    let worst = max(Double(report.alpha), all.map(\.validationError).max() ?? 0)
    yRange = 0...min(1, (worst * 10).rounded(.up) / 10)
  }

  /// The staircase of a front from its smallest point to the reference size: (x, y) corners in data units.
  public func staircase(_ front: [ParetoPoint]) -> [(x: Double, y: Double)] {
    var corners: [(x: Double, y: Double)] = []
    for (index, point) in front.enumerated() {
      corners.append((point.logParams, point.validationError))
      let nextX = index + 1 < front.count ? front[index + 1].logParams : xRange.upperBound
      corners.append((nextX, point.validationError))
    }
    return corners
  }
}
