import Foundation
import Sessions

/// How the UI writes metrics and their differences, so the table, the header, the detail and the plots agree.
enum Metrics {
  /// A fitness, −(params × validation error): `−1010`, `−12.3k`, `−1.2M` (a true minus sign).
  static func fitness(_ value: Double) -> String {
    let magnitude = abs(value)
    let sign = value < -0.5 ? "−" : ""
    switch magnitude {
    case ..<9_999.5: return sign + String(format: "%.0f", magnitude)
    case ..<999_950: return sign + String(format: "%.1fk", magnitude / 1000)
    default: return sign + String(format: "%.1fM", magnitude / 1_000_000)
    }
  }

  /// An accuracy as a percentage with one decimal: `86.1%`.
  static func percent(_ value: Float?) -> String {
    value.map { String(format: "%.1f%%", Double($0) * 100) } ?? "—"
  }

  /// A difference with its sign, `+` or a true minus: `+5.9`, `−1.3k`.
  static func signed(_ text: String, negative: Bool) -> String { (negative ? "−" : "+") + text }

  /// An accuracy difference in percentage points: `+5.9pp`.
  static func points(_ delta: Float) -> String {
    signed(String(format: "%.1fpp", abs(Double(delta)) * 100), negative: delta < 0)
  }

  /// A parameter-count difference and its ratio: `+1.3k +25%`.
  static func params(_ delta: Int, relativeTo base: Int) -> String {
    let ratio =
      base > 0 ? String(format: " %@%.0f%%", delta < 0 ? "−" : "+", abs(Double(delta)) / Double(base) * 100) : ""
    return signed(SessionReport.compact(abs(delta)), negative: delta < 0) + ratio
  }

  /// A fitness difference: `+120`, `−2.1k`.
  static func fitnessDelta(_ delta: Double) -> String {
    signed(fitness(-abs(delta)).replacingOccurrences(of: "−", with: ""), negative: delta < 0)
  }
}
