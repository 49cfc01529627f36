/// The shared, mutable element array behind a Python list.
public final class ListStorage {
  /// The elements in order.
  public var elements: [Value]

  /// Creates a list holding `elements`.
  public init(_ elements: [Value]) {
    self.elements = elements
  }

  deinit {
    ValueReclaimer.reclaim(&elements)
  }
}
