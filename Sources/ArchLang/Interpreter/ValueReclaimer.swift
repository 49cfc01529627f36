#if canImport(Glibc)
  import Glibc
#endif

/// Frees interpreter values without recursion.
///
/// A program can nest containers as deep as its step budget allows (`for i in range(10**6): a = [a]`), and
/// Swift frees a nest by releasing each level from inside the release of the level above: one stack frame per
/// level, which overflows the stack far below the budget. Every class that holds values (lists, tuples, dicts,
/// instances, scopes, functions, classes, module containers) hands its values here from its `deinit`. The
/// first `deinit` on a thread drains a per-thread queue in a loop; the ones that run while it drains (the
/// levels below) only add to the queue and return, so the stack stays flat whatever the depth.
enum ValueReclaimer {
  /// Values waiting to be released on one thread, and whether a drain is already running there.
  private final class Queue {
    var pending: [Value] = []
    var draining = false
  }

  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    let created = pthread_key_create(&key) { pointer in
      if let pointer { Unmanaged<Queue>.fromOpaque(pointer).release() }
    }
    precondition(created == 0, "pthread_key_create failed")
    return key
  }()

  private static var queue: Queue {
    if let pointer = pthread_getspecific(key) {
      return Unmanaged<Queue>.fromOpaque(pointer).takeUnretainedValue()
    }
    let queue = Queue()
    pthread_setspecific(key, Unmanaged.passRetained(queue).toOpaque())
    return queue
  }

  /// Takes `values` (leaving the array empty) and releases them without nesting stack frames.
  static func reclaim(_ values: inout [Value]) {
    guard values.contains(where: \.mayHoldValues) else { return }
    let queue = queue
    queue.pending.append(contentsOf: values)
    values = []
    guard !queue.draining else { return }
    queue.draining = true
    while let value = queue.pending.popLast() { release(value) }
    queue.draining = false
  }

  /// Takes the values of `dictionary` (leaving it empty) and releases them without nesting stack frames.
  static func reclaim<Key>(_ dictionary: inout [Key: Value]) {
    guard dictionary.values.contains(where: \.mayHoldValues) else { return }
    var values = Array(dictionary.values)
    dictionary = [:]
    reclaim(&values)
  }

  /// Drops the last reference the queue had; nested `deinit`s run here and only enqueue.
  @inline(never)
  private static func release(_ value: consuming Value) {
    _ = consume value
  }
}

extension Value {
  /// Whether freeing this value can free other values (a container, an object, a function or a closure).
  var mayHoldValues: Bool {
    switch self {
    case .none, .bool, .int, .float, .string, .range, .ellipsis, .namespace: return false
    default: return true
    }
  }
}
