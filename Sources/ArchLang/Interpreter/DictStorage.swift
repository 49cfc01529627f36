/// The shared, mutable, insertion-ordered storage behind a Python dict.
public final class DictStorage {
  /// Keys in insertion order, with their original values.
  public private(set) var keys: [Value] = []
  /// Values aligned with `keys`.
  public private(set) var values: [Value] = []
  private var positions: [DictKey: Int] = [:]

  /// Creates an empty dict.
  public init() {}

  deinit {
    ValueReclaimer.reclaim(&keys)
    ValueReclaimer.reclaim(&values)
  }

  /// The number of entries.
  public var count: Int { keys.count }

  /// The value for `key`, or nil.
  public func value(for key: DictKey) -> Value? {
    positions[key].map { values[$0] }
  }

  /// Inserts or replaces the value for `key`, keeping first-insertion order.
  public func set(_ value: Value, for key: DictKey, original: Value) {
    if let position = positions[key] {
      values[position] = value
    } else {
      positions[key] = keys.count
      keys.append(original)
      values.append(value)
    }
  }
}
