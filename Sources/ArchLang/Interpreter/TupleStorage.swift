/// The element array behind a Python tuple.
///
/// A class rather than an array in the enum, so that a tuple has an identity (`t is t`) and so that freeing a
/// deeply nested tuple goes through `ValueReclaimer` instead of one stack frame per level.
public final class TupleStorage {
  /// The elements in order (never changed after creation, as tuples are immutable).
  public private(set) var elements: [Value]

  /// Creates a tuple holding `elements`.
  public init(_ elements: [Value]) {
    self.elements = elements
  }

  deinit {
    ValueReclaimer.reclaim(&elements)
  }
}

extension Value {
  /// A tuple of `elements`.
  public static func tuple(_ elements: [Value]) -> Value { .tuple(TupleStorage(elements)) }
}
