import Foundation

/// A study's comparison: every arm x seed session's result, and per arm the mean over its seeds.
public struct StudyReport: Sendable, Equatable, Codable {
  /// The mean over one arm's seeds.
  public struct ArmMean: Sendable, Equatable, Codable {
    public var arm: String
    public var seeds: Int
    public var proposed: Double
    public var valid: Double
    public var novel: Double
    public var trained: Double
    public var screenedOut: Double
    public var eligible: Double
    /// Over the seeds that have an eligible candidate.
    public var bestFitness: Double?
    public var hypervolume: Double
    public var seedsHypervolume: Double
    public var dominatingAParent: Double
    public var dominatingASeed: Double
    /// Seeds in which the arm's front has a larger hypervolume than the seeds alone.
    public var seedsWithLargerHypervolume: Int
    /// Seeds in which at least one child dominates a seed model.
    public var seedsWithChildDominatingASeed: Int
    public var seconds: Double
  }

  public struct ReferencePoint: Sendable, Equatable, Codable {
    public var params: Int
    public var log10Params: Double
    public var validationError: Double
  }

  public var task: String
  /// Children each arm x seed may propose; results count the first this many.
  public var budget: Int
  public var alpha: Float
  /// The hypervolume's axes: log10 of the parameter count and validation error, both minimised.
  public var hypervolumeAxes =
    "log10(params) x validation error, minimised; points at or past the reference add nothing"
  public var referencePoint: ReferencePoint
  public var sessions: [StudySessionResult]
  public var arms: [ArmMean]

  public init(task: String, budget: Int, alpha: Float, sessions: [StudySessionResult], armOrder: [String]) {
    self.task = task
    self.budget = budget
    self.alpha = alpha
    referencePoint = ReferencePoint(
      params: Int(pow(10, ParetoFront.referenceLogParams)), log10Params: ParetoFront.referenceLogParams,
      validationError: ParetoFront.referenceError)
    self.sessions = sessions
    arms = armOrder.compactMap { arm in
      let results = sessions.filter { $0.arm == arm }
      return results.isEmpty ? nil : Self.mean(arm: arm, results)
    }
  }

  private static func mean(arm: String, _ results: [StudySessionResult]) -> ArmMean {
    func average(_ value: (StudySessionResult) -> Double) -> Double {
      results.map(value).reduce(0, +) / Double(results.count)
    }
    let fitnesses = results.compactMap(\.bestFitness)
    return ArmMean(
      arm: arm, seeds: results.count, proposed: average { Double($0.proposed) }, valid: average { Double($0.valid) },
      novel: average { Double($0.novel) }, trained: average { Double($0.trained) },
      screenedOut: average { Double($0.screenedOut) }, eligible: average { Double($0.eligible) },
      bestFitness: fitnesses.isEmpty ? nil : fitnesses.reduce(0, +) / Double(fitnesses.count),
      hypervolume: average(\.hypervolume), seedsHypervolume: average(\.seedsHypervolume),
      dominatingAParent: average { Double($0.dominatingAParent) },
      dominatingASeed: average { Double($0.dominatingASeed) },
      seedsWithLargerHypervolume: results.filter { $0.hypervolume > $0.seedsHypervolume + 1e-12 }.count,
      seedsWithChildDominatingASeed: results.filter { $0.dominatingASeed > 0 }.count,
      seconds: average(\.seconds))
  }

  /// The report as one JSON object on one line (snake_case keys).
  public var json: String { encoded(pretty: false) }

  /// The report as indented JSON, for `study.json`.
  public var prettyJSON: String { encoded(pretty: true) }

  private func encoded(pretty: Bool) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  /// A table a person reads: one line per session, then the means per arm.
  public var table: String {
    func number(_ value: Double?, _ digits: Int = 3) -> String {
      value.map { String(format: "%.\(digits)f", $0) } ?? "-"
    }
    let labelWidth = max(31, (sessions.map { $0.arm.count + 14 } + arms.map { $0.arm.count + 10 }).max() ?? 0)
    var lines = [
      "budget \(budget) children per arm x seed; hypervolume of (log10 params, validation error) against "
        + "(\(referencePoint.params) params, error \(number(referencePoint.validationError, 1))); eligible: error < \(alpha)",
      "",
      "arm / seed".padding(toLength: labelWidth, withPad: " ", startingAt: 0)
        + "proposed valid novel trained eligible  best fitness      HV  seeds HV  >parent >seed  minutes",
    ]
    func row(_ label: String, _ values: [String]) -> String {
      label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
        + zip(values, [8, 6, 6, 8, 9, 14, 8, 10, 9, 6, 9]).map {
          String(repeating: " ", count: max(0, $1 - $0.count)) + $0
        }
        .joined()
    }
    for result in sessions {
      lines.append(
        row(
          "\(result.arm) \(result.seed)" + (result.finished ? "" : " (unfinished)"),
          [
            "\(result.proposed)", "\(result.valid)", "\(result.novel)", "\(result.trained)", "\(result.eligible)",
            number(result.bestFitness, 0), number(result.hypervolume), number(result.seedsHypervolume),
            "\(result.dominatingAParent)", "\(result.dominatingASeed)", number(result.seconds / 60, 1),
          ]))
    }
    lines.append("")
    for arm in arms {
      lines.append(
        row(
          "mean \(arm.arm) (\(arm.seeds))",
          [
            number(arm.proposed, 1), number(arm.valid, 1), number(arm.novel, 1), number(arm.trained, 1),
            number(arm.eligible, 1), number(arm.bestFitness, 0), number(arm.hypervolume),
            number(arm.seedsHypervolume), number(arm.dominatingAParent, 1), number(arm.dominatingASeed, 1),
            number(arm.seconds / 60, 1),
          ]))
    }
    return lines.joined(separator: "\n")
  }
}
