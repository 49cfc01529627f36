import Foundation

/// A summary of a session for people and programs: `report --json`, `--csv` and the table a run ends with.
public struct SessionReport: Sendable, Equatable, Encodable {
  /// One candidate's line.
  public struct Candidate: Sendable, Equatable, Encodable {
    public var id: String
    public var round: Int
    public var parents: [String]
    public var status: String
    // Written as `null` until known; the optional fields after them are left out when absent.
    @ExplicitNull public var params: Int?
    @ExplicitNull public var valAccuracy: Float?
    @ExplicitNull public var testAccuracy: Float?
    @ExplicitNull public var fitness: Double?
    /// Whether it counts for the best model and as a parent (validation error < α); nil until evaluated.
    @ExplicitNull public var eligible: Bool?
    public var reason: String?
    public var edited: Bool
    public var origin: String
    public var name: String?
    /// The cluster jobs that trained it (Ray submission ids, a retry's too); nil with local workers.
    public var clusterJobs: [String]?
    /// The input sizes the check rewrote before it trained; nil when none.
    public var repairs: [String]?

    enum CodingKeys: String, CodingKey {
      case id, round, parents, status, params, fitness, eligible, reason, edited, origin, name, repairs
      case clusterJobs = "cluster_jobs"
      case valAccuracy = "val_accuracy"
      case testAccuracy = "test_accuracy"
    }
  }

  public var format: Int
  public var task: String?
  public var finished: Bool
  public var roundsCompleted: Int
  public var candidates: [Candidate]
  /// The best model (`SessionState.best`), the α it was chosen with, and the rule in words.
  public var best: Candidate?
  public var alpha: Float
  public var bestRule: String

  enum CodingKeys: String, CodingKey {
    case format, task, finished, candidates, best, alpha
    case roundsCompleted = "rounds_completed"
    case bestRule = "best_rule"
  }

  public init(state: SessionState) {
    format = EventLog.format
    task = state.configuration?.task
    finished = state.finished
    roundsCompleted = state.roundsCompleted
    candidates = state.orderedCandidates.map { Self.line($0, state: state) }
    best = state.best.map { Self.line($0, state: state) }
    alpha = state.alpha
    bestRule = state.bestRule
  }

  static func line(_ record: CandidateRecord, state: SessionState) -> Candidate {
    var reason: String?
    if let rejection = record.rejection {
      let location =
        rejection.line.map { line in "line \(line)" + (rejection.column.map { ":\($0)" } ?? "") + ": " } ?? ""
      reason = location + rejection.reason
    } else if let failure = record.failure {
      reason = failure
    }
    return Candidate(
      id: record.id, round: record.round, parents: record.parents, status: record.status.reportName,
      params: record.params,
      valAccuracy: record.validationAccuracy, testAccuracy: record.testAccuracy, fitness: record.fitness,
      eligible: record.status == .evaluated ? state.isEligible(record) : nil, reason: reason,
      edited: record.edited, origin: record.origin.rawValue, name: record.name,
      clusterJobs: record.submissions.isEmpty ? nil : record.submissions,
      repairs: record.repairs.isEmpty ? nil : record.repairs)
  }

  /// The report as one line of JSON.
  public var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
  }

  /// The candidates as CSV with a header row (for pandas).
  public var csv: String {
    var lines = ["id,round,origin,parents,status,params,val_accuracy,test_accuracy,fitness,eligible,edited,reason"]
    for c in candidates {
      func text(_ value: (any CustomStringConvertible)?) -> String { value.map { $0.description } ?? "" }
      let fields: [String] = [
        c.id, text(c.round), c.origin, c.parents.joined(separator: " "), c.status, text(c.params), text(c.valAccuracy),
        text(c.testAccuracy), text(c.fitness), text(c.eligible), text(c.edited), c.reason ?? "",
      ]
      lines.append(fields.map(Self.csvField).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func csvField(_ text: String) -> String {
    text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
      ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }

  /// A fixed-width table of the evaluated candidates, best first (the eligible ones by fitness, then the others,
  /// marked), then counts of the others and the best model with the rule that picks it.
  public func table(limit: Int = 20) -> String {
    let evaluated = candidates.filter { $0.status == "evaluated" }.sorted {
      ($0.eligible == true ? 1 : 0, $0.fitness ?? -.infinity) > ($1.eligible == true ? 1 : 0, $1.fitness ?? -.infinity)
    }
    let metric = TaskMetric.of(task: task)
    let (valWidth, testWidth) = (max(10, metric.validationTitle.count + 2), max(10, metric.testTitle.count + 2))
    var lines = [
      "id      round  parents        params" + metric.validationTitle.leftPadded(valWidth)
        + metric.testTitle.leftPadded(testWidth) + "      fitness"
    ]
    for c in evaluated.prefix(limit) {
      let parents = c.parents.joined(separator: " ")
      lines.append(
        c.id.padding(toLength: 7, withPad: " ", startingAt: 0) + String(format: "%5d  ", c.round)
          + String(parents.prefix(13)).padding(toLength: 13, withPad: " ", startingAt: 0)
          + " " + Self.compact(c.params ?? 0).leftPadded(7)
          + String(format: "%.2f%%", 100 * (c.valAccuracy ?? 0)).leftPadded(valWidth)
          + String(format: "%.2f%%", 100 * (c.testAccuracy ?? 0)).leftPadded(testWidth)
          + String(format: "  %11.1f", c.fitness ?? 0)
          + (c.id == best?.id ? "  ★ best" : c.eligible == false ? "  (val error ≥ α)" : ""))
    }
    if evaluated.count > limit { lines.append("… \(evaluated.count - limit) more evaluated") }
    let counts = Dictionary(grouping: candidates, by: \.status).mapValues(\.count)
    let summary = ["evaluated", "rejected", "duplicate", "failed", "pending"].compactMap { status in
      counts[status].map { "\($0) \(status)" }
    }
    lines.append("")
    lines.append(
      "\(candidates.count) candidates: " + summary.joined(separator: ", ") + " · rounds completed \(roundsCompleted)"
        + (finished ? " · finished" : ""))
    if let best {
      lines.append(
        "best: \(best.id) (round \(best.round)): \(metric.validationLabel) \(String(format: "%.2f%%", 100 * (best.valAccuracy ?? 0))), "
          + "\(metric.testLabel) \(String(format: "%.2f%%", 100 * (best.testAccuracy ?? 0))), \(Self.compact(best.params ?? 0)) params, "
          + "fitness \(String(format: "%.1f", best.fitness ?? 0))")
    } else {
      lines.append("best: none yet")
    }
    lines.append("      (\(bestRule))")
    return lines.joined(separator: "\n")
  }

  /// A duration for people: 0.042 → "42ms", 4.25 → "4.2s", 31 → "31s", 125 → "2m05s", 4000 → "1h06m".
  /// Under a second it counts milliseconds, so a fast step never reads as "0.0s".
  public static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "?" }
    switch seconds {
    case ..<0.0005: return "<1ms"
    case ..<0.9995: return "\(Int((seconds * 1000).rounded()))ms"
    case ..<9.95: return String(format: "%.1fs", seconds)
    case ..<119.5: return "\(Int(seconds.rounded()))s"
    case ..<3600:
      let whole = Int(seconds.rounded())
      return "\(whole / 60)m" + String(format: "%02ds", whole % 60)
    default:
      let minutes = Int((seconds / 60).rounded())
      return "\(minutes / 60)h" + String(format: "%02dm", minutes % 60)
    }
  }

  /// 4310 → "4.3k", 1200000 → "1.2M".
  public static func compact(_ count: Int) -> String {
    switch count {
    case ..<1000: "\(count)"
    case ..<1_000_000: String(format: "%.1fk", Double(count) / 1000)
    default: String(format: "%.1fM", Double(count) / 1_000_000)
    }
  }
}

extension String {
  /// The string right-aligned in `width` columns.
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
