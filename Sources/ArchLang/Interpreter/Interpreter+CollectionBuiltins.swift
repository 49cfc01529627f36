import Foundation

// The builtins that build and walk sequences: `range`, `list`, `tuple`, `dict`, `enumerate`, `zip`, `sorted`,
// `reversed`, `any` and `all`.
extension Interpreter {
  /// Installs `range`, `list`, `tuple`, `dict`, `enumerate` and `zip`.
  func installSequenceBuiltins() {
    define("range") { (arguments, interpreter, location) throws(ArchLangError) in
      let values = try arguments.extraPositional.map { (value) throws(ArchLangError) in
        try interpreter.integerIndex(value, at: location, what: "range() arguments")
      }
      switch values.count {
      case 1: return .range(start: 0, stop: values[0], step: 1)
      case 2: return .range(start: values[0], stop: values[1], step: 1)
      case 3:
        guard values[2] != 0 else { throw ArchLangError(.runtime, "range() arg 3 must not be zero", at: location) }
        return .range(start: values[0], stop: values[1], step: values[2])
      default:
        throw ArchLangError(.runtime, "range expected 1 to 3 arguments, got \(values.count)", at: location)
      }
    }
    define("list") { (arguments, interpreter, location) throws(ArchLangError) in
      .list(ListStorage(try interpreter.elements(of: arguments.bound["iterable"] ?? .tuple([]), at: location)))
    }
    define("tuple") { (arguments, interpreter, location) throws(ArchLangError) in
      .tuple(try interpreter.elements(of: arguments.bound["iterable"] ?? .tuple([]), at: location))
    }
    define("dict") { (arguments, interpreter, location) throws(ArchLangError) in
      let storage = DictStorage()
      if arguments.extraPositional.count > 1 {
        throw ArchLangError(.runtime, "dict expected at most 1 argument", at: location)
      }
      if let source = arguments.extraPositional.first {
        if case .dict(let other) = source {
          for (key, value) in zip(other.keys, other.values) {
            if let hashable = try interpreter.hashKey(key, at: location) {
              storage.set(value, for: hashable, original: key)
            }
          }
        } else {
          for pair in try interpreter.elements(of: source, at: location) {
            let items = try interpreter.elements(of: pair, at: location)
            guard items.count == 2, let key = try interpreter.hashKey(items[0], at: location) else {
              throw ArchLangError(.runtime, "dict() needs (key, value) pairs with hashable keys", at: location)
            }
            storage.set(items[1], for: key, original: items[0])
          }
        }
      }
      for (name, value) in arguments.extraKeywords { storage.set(value, for: .string(name), original: .string(name)) }
      return .dict(storage)
    }
    define("enumerate") { (arguments, interpreter, location) throws(ArchLangError) in
      var index = try interpreter.integerIndex(arguments.bound["start"] ?? .int(0), at: location)
      var pairs: [Value] = []
      try interpreter.forEachElement(of: arguments.bound["iterable"] ?? .none, at: location) {
        (element) throws(ArchLangError) -> Bool in
        pairs.append(.tuple([.int(index), element]))
        index += 1
        try interpreter.checkSize(pairs.count, at: location)
        try interpreter.chargeElements(3, at: location)
        return true
      }
      return .list(ListStorage(pairs))
    }
    define("zip") { (arguments, interpreter, location) throws(ArchLangError) in
      let sequences = try arguments.extraPositional.map { (value) throws(ArchLangError) in
        try interpreter.elements(of: value, at: location)
      }
      let count = sequences.map(\.count).min() ?? 0
      try interpreter.chargeElements(count * (sequences.count + 1), at: location)
      return .list(ListStorage((0..<count).map { index in .tuple(sequences.map { $0[index] }) }))
    }
  }

  /// Installs `sorted`, `reversed`, `any` and `all`.
  func installIterationBuiltins() {
    define("sorted") { (arguments, interpreter, location) throws(ArchLangError) in
      var items = try interpreter.elements(of: arguments.bound["iterable"] ?? .none, at: location)
      let descending = try interpreter.truth(arguments.bound["reverse"] ?? .bool(false), at: location)
      var failure: ArchLangError?
      items.sort { a, b in
        guard failure == nil else { return false }
        do throws(ArchLangError) {
          let ordering = try interpreter.order(a, b, at: location)
          return descending ? ordering > 0 : ordering < 0
        } catch {
          failure = error
          return false
        }
      }
      if let failure { throw failure }
      return .list(ListStorage(items))
    }
    define("reversed") { (arguments, interpreter, location) throws(ArchLangError) in
      .list(ListStorage(try interpreter.elements(of: arguments.bound["sequence"] ?? .none, at: location).reversed()))
    }
    for name in ["any", "all"] {
      define(name) { (arguments, interpreter, location) throws(ArchLangError) in
        var result = name == "all"
        try interpreter.forEachElement(of: arguments.bound["iterable"] ?? .none, at: location) {
          (element) throws(ArchLangError) -> Bool in
          let isTrue = try interpreter.truth(element, at: location)
          if name == "any" && isTrue {
            result = true
            return false
          }
          if name == "all" && !isTrue {
            result = false
            return false
          }
          return true
        }
        return .bool(result)
      }
    }
  }
}
