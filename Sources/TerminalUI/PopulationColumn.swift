import Foundation
import Sessions

/// A sortable column of the population table.
public enum PopulationColumn: String, Sendable, CaseIterable {
  /// The order candidates appeared in (the default).
  case order
  case id, round, parents, status, params, validation, test

  /// The next column in the sort cycle.
  public var next: PopulationColumn {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  /// Whether `a` sorts before `b` by this column, ascending or descending; missing values always go last and
  /// ties keep the order of appearance.
  func precedes(_ a: CandidateRecord, _ b: CandidateRecord, descending: Bool, position: [String: Int]) -> Bool {
    func optional<T: Comparable>(_ x: T?, _ y: T?) -> Bool? {
      switch (x, y) {
      case (nil, nil): return nil
      case (nil, _): return false
      case (_, nil): return true
      case (let x?, let y?): return x == y ? nil : (x < y) != descending
      }
    }
    func plain<T: Comparable>(_ x: T, _ y: T) -> Bool? { x == y ? nil : (x < y) != descending }
    let decided: Bool?
    switch self {
    case .order: decided = descending ? plain(position[a.id] ?? 0, position[b.id] ?? 0) : nil
    case .id: decided = a.id == b.id ? nil : (a.id.localizedStandardCompare(b.id) == .orderedAscending) != descending
    case .round: decided = plain(a.round, b.round)
    case .parents: decided = optional(a.parents.joined(separator: " "), b.parents.joined(separator: " "))
    case .status: decided = plain(a.status.rawValue, b.status.rawValue)
    case .params: decided = optional(a.params, b.params)
    case .validation: decided = optional(a.validationAccuracy, b.validationAccuracy)
    case .test: decided = optional(a.testAccuracy, b.testAccuracy)
    }
    return decided ?? ((position[a.id] ?? 0) < (position[b.id] ?? 0))
  }
}
