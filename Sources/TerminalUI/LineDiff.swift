/// A line diff by longest common subsequence: enough for programs of a few hundred lines.
public enum LineDiff {
  /// One line of a diff, with its line numbers in the old and new text (1-based).
  public enum Line: Sendable, Equatable {
    case same(String, old: Int, new: Int)
    case removed(String, old: Int)
    case added(String, new: Int)

    public var text: String {
      switch self {
      case .same(let text, _, _), .removed(let text, _), .added(let text, _): text
      }
    }
  }

  /// The lines of `new` compared with `old`; removals come before additions within a change.
  public static func diff(old: [String], new: [String]) -> [Line] {
    // Common prefix and suffix first: edits are usually small, and this keeps the table small.
    var prefix = 0
    while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < old.count - prefix, suffix < new.count - prefix,
      old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
    {
      suffix += 1
    }
    let oldMiddle = Array(old[prefix..<(old.count - suffix)])
    let newMiddle = Array(new[prefix..<(new.count - suffix)])
    let n = oldMiddle.count, m = newMiddle.count
    // lengths[i][j] = LCS length of oldMiddle[i...] and newMiddle[j...], flattened.
    var lengths = [Int32](repeating: 0, count: (n + 1) * (m + 1))
    if n > 0, m > 0 {
      for i in stride(from: n - 1, through: 0, by: -1) {
        for j in stride(from: m - 1, through: 0, by: -1) {
          lengths[i * (m + 1) + j] =
            oldMiddle[i] == newMiddle[j]
            ? lengths[(i + 1) * (m + 1) + j + 1] + 1
            : max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1])
        }
      }
    }
    var result: [Line] = []
    for index in 0..<prefix { result.append(.same(old[index], old: index + 1, new: index + 1)) }
    var i = 0, j = 0
    var removed: [Line] = [], added: [Line] = []
    func flush() {
      result += removed
      result += added
      removed.removeAll()
      added.removeAll()
    }
    while i < n || j < m {
      if i < n, j < m, oldMiddle[i] == newMiddle[j] {
        flush()
        result.append(.same(oldMiddle[i], old: prefix + i + 1, new: prefix + j + 1))
        i += 1
        j += 1
      } else if j < m, i == n || lengths[i * (m + 1) + j + 1] >= lengths[(i + 1) * (m + 1) + j] {
        added.append(.added(newMiddle[j], new: prefix + j + 1))
        j += 1
      } else {
        removed.append(.removed(oldMiddle[i], old: prefix + i + 1))
        i += 1
      }
    }
    flush()
    for index in 0..<suffix {
      let oldIndex = old.count - suffix + index, newIndex = new.count - suffix + index
      result.append(.same(old[oldIndex], old: oldIndex + 1, new: newIndex + 1))
    }
    return result
  }

  /// The diff of two texts split into lines.
  public static func diff(old: String, new: String) -> [Line] {
    diff(old: lines(old), new: lines(new))
  }

  /// Lines of a text, without a phantom empty line after a final newline.
  public static func lines(_ text: String) -> [String] {
    var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if parts.last == "" { parts.removeLast() }
    return parts
  }

  /// Counts of added and removed lines.
  public static func stats(_ lines: [Line]) -> (added: Int, removed: Int) {
    var added = 0, removed = 0
    for line in lines {
      switch line {
      case .added: added += 1
      case .removed: removed += 1
      case .same: break
      }
    }
    return (added, removed)
  }

  /// Side-by-side rows: unchanged lines on both sides, a change's removals paired with its additions.
  public static func sideBySide(_ lines: [Line]) -> [(left: Line?, right: Line?)] {
    var rows: [(left: Line?, right: Line?)] = []
    var removed: [Line] = [], added: [Line] = []
    func flush() {
      for index in 0..<max(removed.count, added.count) {
        rows.append((index < removed.count ? removed[index] : nil, index < added.count ? added[index] : nil))
      }
      removed.removeAll()
      added.removeAll()
    }
    for line in lines {
      switch line {
      case .same: flush(); rows.append((line, line))
      case .removed: removed.append(line)
      case .added: added.append(line)
      }
    }
    flush()
    return rows
  }
}
