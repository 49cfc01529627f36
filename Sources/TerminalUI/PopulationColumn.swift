import Foundation
import Sessions

/// A sortable column of the population table.
public enum PopulationColumn: String, Sendable, CaseIterable {
  /// Fitness, the eligible candidates (validation error < α) first: the default, best model on top.
  case fitness
  /// The order candidates appeared in.
  case order
  case id, round, parents, status, params, validation, test

  /// The next column in the sort cycle.
  public var next: PopulationColumn {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  /// Whether the column sorts descending first (higher is better).
  public var descendingFirst: Bool { self == .fitness || self == .validation || self == .test }

  /// The column's name in the population title (`sort fitness ▼`).
  public var title: String {
    switch self {
    case .fitness: "fitness"
    case .order: "appearance"
    case .id: "id"
    case .round: "round"
    case .parents: "parents"
    case .status: "status"
    case .params: "params"
    case .validation: "val acc"
    case .test: "test acc"
    }
  }

  /// Whether `a` sorts before `b` by this column, ascending or descending; missing values always go last and
  /// ties keep the order of appearance. Fitness compares eligibility first (`eligible` holds the eligible ids).
  func precedes(
    _ a: CandidateRecord, _ b: CandidateRecord, descending: Bool, position: [String: Int], eligible: Set<String>
  ) -> Bool {
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
    case .fitness:
      let x = a.fitness.map { (eligible.contains(a.id) ? 1 : 0, $0) }
      let y = b.fitness.map { (eligible.contains(b.id) ? 1 : 0, $0) }
      switch (x, y) {
      case (nil, nil): decided = nil
      case (nil, _): decided = false
      case (_, nil): decided = true
      case (let x?, let y?): decided = x == y ? nil : (x < y) != descending
      }
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
