import Foundation
import MemberwiseInit
import Sessions

/// A trained candidate as the study compares it: its size and validation error, both to be minimised.
@MemberwiseInit
public struct ParetoPoint: Sendable, Equatable, Codable {
  public var id: String
  public var params: Int
  public var validationError: Double

  /// The point of a trained candidate; nil unless it was evaluated with a size and a validation accuracy.
  public init?(_ record: CandidateRecord) {
    guard record.status == .evaluated, let params = record.params, let error = record.validationError else {
      return nil
    }
    self.init(id: record.id, params: params, validationError: Double(error))
  }

  /// log10 of the parameter count, the axis the hypervolume is measured on.
  public var logParams: Double { log10(Double(max(params, 1))) }

  /// Pareto dominance: no larger and no worse, and smaller or better in one of the two.
  public func dominates(_ other: ParetoPoint) -> Bool {
    params <= other.params && validationError <= other.validationError
      && (params < other.params || validationError < other.validationError)
  }
}

/// The points no other point dominates, and the area they dominate up to a reference point.
public enum ParetoFront {
  /// The reference point of every study: 10^6 parameters (log10 6) and validation error 1.0. A point at or beyond
  /// either bound contributes nothing.
  public static let referenceLogParams = 6.0
  public static let referenceError = 1.0

  /// The non-dominated points, by increasing size (so by decreasing error); of equal points the first is kept.
  public static func front(of points: [ParetoPoint]) -> [ParetoPoint] {
    var front: [ParetoPoint] = []
    for point in points.sorted(by: { ($0.params, $0.validationError, $0.id) < ($1.params, $1.validationError, $1.id) })
    where front.last.map({ point.validationError < $0.validationError }) ?? true {
      front.append(point)
    }
    return front
  }

  /// The hypervolume (area, in log10-parameters x error) dominated by `points` and bounded by the reference point.
  public static func hypervolume(
    of points: [ParetoPoint], referenceLogParams: Double = referenceLogParams,
    referenceError: Double = referenceError
  ) -> Double {
    let inside = points.filter { $0.logParams < referenceLogParams && $0.validationError < referenceError }
    let front = front(of: inside)
    var area = 0.0
    for (index, point) in front.enumerated() {
      let nextX = index + 1 < front.count ? front[index + 1].logParams : referenceLogParams
      area += (nextX - point.logParams) * (referenceError - point.validationError)
    }
    return area
  }
}
