import Foundation

/// The body of a builtin method, bound to its receiver: (positional, keywords, interpreter, location).
typealias MethodBody = ([Value], [(String, Value)], Interpreter, SourceLocation) throws(ArchLangError) -> Value

/// The method being looked up, with the argument checks its body shares.
struct MethodCall {
  let receiver: Value
  let name: String

  func arity(_ positional: [Value], _ range: ClosedRange<Int>, _ location: SourceLocation) throws(ArchLangError) {
    guard range.contains(positional.count) else {
      throw ArchLangError(
        .runtime,
        "\(receiver.typeName).\(name)() takes \(range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)") arguments (\(positional.count) given)",
        at: location)
    }
  }

  func text(_ value: Value, _ location: SourceLocation) throws(ArchLangError) -> String {
    guard case .string(let string) = value else {
      throw ArchLangError(.runtime, "expected a string argument, got '\(value.typeName)'", at: location)
    }
    return string
  }
}

extension Interpreter {
  /// Methods of strings, lists, tuples and dicts (`"{}".format`, `layers.append`, `d.items()`); each receiver
  /// type's methods are one family below.
  func builtinMethod(of receiver: Value, _ name: String, at location: SourceLocation) throws(ArchLangError) -> Value {
    let call = MethodCall(receiver: receiver, name: name)
    let body: MethodBody?
    switch receiver {
    case .string(let string): body = stringMethod(string, call)
    case .list(let storage): body = listMethod(storage, call) ?? sequenceMethod(call)
    case .tuple: body = sequenceMethod(call)
    case .dict(let storage): body = dictMethod(storage, call)
    default: body = nil
    }
    guard let body else {
      throw ArchLangError(.runtime, "'\(receiver.typeName)' object has no attribute '\(name)'", at: location)
    }
    return .builtin(BuiltinFunction("\(receiver.typeName).\(name)", body))
  }

  /// `format`, `join`, `upper`, `lower`, the strips, `split`, `replace`, `startswith`, `endswith`.
  func stringMethod(_ string: String, _ call: MethodCall) -> MethodBody? {
    let name = call.name
    switch name {
    case "format":
      return { (positional, keywords, interpreter, location) throws(ArchLangError) in
        .string(try interpreter.formatString(string, positional, keywords, at: location))
      }
    case "join":
      return { (positional, _, interpreter, location) throws(ArchLangError) in
        try call.arity(positional, 1...1, location)
        var parts: [String] = []
        for element in try interpreter.elements(of: positional[0], at: location) {
          parts.append(try call.text(element, location))
        }
        let joined = parts.joined(separator: string)
        try interpreter.checkSize(joined.utf8.count, at: location)
        try interpreter.charge(joined.utf8.count, at: location)
        return .string(joined)
      }
    case "upper", "lower":
      return { (_, _, interpreter, location) throws(ArchLangError) in
        try interpreter.charge(string.utf8.count, at: location)
        return .string(name == "upper" ? string.uppercased() : string.lowercased())
      }
    case "strip", "lstrip", "rstrip":
      return { (positional, _, interpreter, location) throws(ArchLangError) in
        try call.arity(positional, 0...1, location)
        let characters = positional.isEmpty ? " \t\n\r" : try call.text(positional[0], location)
        // Each character of the text may be looked up among the characters to strip.
        try interpreter.work(
          string.utf8.count * Swift.max(characters.utf8.count, 1) / Interpreter.bytesPerStep, at: location)
        var scalars = Substring(string)
        if name != "rstrip" { scalars = scalars.drop { characters.contains($0) } }
        if name != "lstrip" {
          while let last = scalars.last, characters.contains(last) { scalars = scalars.dropLast() }
        }
        return .string(String(scalars))
      }
    case "split":
      return { (positional, _, interpreter, location) throws(ArchLangError) in
        try call.arity(positional, 0...1, location)
        // The pieces hold the text's bytes again, and there are at most as many as bytes.
        try interpreter.charge(string.utf8.count, at: location)
        try interpreter.work(string.utf8.count / 4, at: location)
        if let separatorValue = positional.first, case .string(let separator) = separatorValue {
          guard !separator.isEmpty else { throw ArchLangError(.runtime, "empty separator", at: location) }
          return .list(ListStorage(string.components(separatedBy: separator).map { .string($0) }))
        }
        return .list(ListStorage(string.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) }))
      }
    case "replace":
      return { (positional, _, interpreter, location) throws(ArchLangError) in
        try call.arity(positional, 2...2, location)
        let old = try call.text(positional[0], location)
        let new = try call.text(positional[1], location)
        guard !old.isEmpty else {
          throw ArchLangError(.unsupported, "replace() with an empty pattern is not supported", at: location)
        }
        // The pattern may be compared at every position of the text.
        let (cost, overflow) = string.utf8.count.multipliedReportingOverflow(by: old.utf8.count)
        try interpreter.work(overflow ? Int.max : cost / Interpreter.bytesPerStep, at: location)
        let result = string.replacingOccurrences(of: old, with: new)
        try interpreter.checkSize(result.utf8.count, at: location)
        try interpreter.charge(result.utf8.count, at: location)
        return .string(result)
      }
    case "startswith", "endswith":
      return { (positional, _, interpreter, location) throws(ArchLangError) in
        try call.arity(positional, 1...1, location)
        let affix = try call.text(positional[0], location)
        try interpreter.work(affix.utf8.count / Interpreter.bytesPerStep, at: location)
        return .bool(name == "startswith" ? string.hasPrefix(affix) : string.hasSuffix(affix))
      }
    default: return nil
    }
  }

  /// `append`, `extend`, `insert`, `pop`, `reverse` and `copy`.
  func listMethod(_ storage: ListStorage, _ call: MethodCall) -> MethodBody? {
    let name = call.name
    switch name {
    case "append":
      return { (positional, _, interpreter, location) throws(ArchLangError) in
        try call.arity(positional, 1...1, location)
        try interpreter.checkSize(storage.elements.count + 1, at: location)
        try interpreter.chargeElements(1, at: location)
        storage.elements.append(positional[0])
        return .none
      }
    case "extend":
      return { (positional, _, interpreter, location) throws(ArchLangError) in
        try call.arity(positional, 1...1, location)
        let extra = try interpreter.elements(of: positional[0], at: location)
        try interpreter.checkSize(storage.elements.count + extra.count, at: location)
        try interpreter.chargeElements(extra.count, at: location)
        storage.elements.append(contentsOf: extra)
        return .none
      }
    case "insert":
      return { (positional, _, interpreter, location) throws(ArchLangError) in
        try call.arity(positional, 2...2, location)
        try interpreter.checkSize(storage.elements.count + 1, at: location)
        try interpreter.chargeElements(1, at: location)
        var index = try interpreter.integerIndex(positional[0], at: location)
        if index < 0 { index += storage.elements.count }
        // The elements from the index on move up by one.
        try interpreter.work(
          storage.elements.count - Swift.max(0, Swift.min(index, storage.elements.count)), at: location)
        storage.elements.insert(positional[1], at: max(0, min(index, storage.elements.count)))
        return .none
      }
    case "pop":
      return { (positional, _, interpreter, location) throws(ArchLangError) in
        try call.arity(positional, 0...1, location)
        guard !storage.elements.isEmpty else { throw ArchLangError(.runtime, "pop from empty list", at: location) }
        var index =
          positional.isEmpty ? storage.elements.count - 1 : try interpreter.integerIndex(positional[0], at: location)
        if index < 0 { index += storage.elements.count }
        guard index >= 0 && index < storage.elements.count else {
          throw ArchLangError(.runtime, "pop index out of range", at: location)
        }
        // The elements after the index move down by one.
        try interpreter.work(storage.elements.count - index, at: location)
        return storage.elements.remove(at: index)
      }
    case "reverse":
      return { (_, _, interpreter, location) throws(ArchLangError) in
        try interpreter.work(storage.elements.count, at: location)
        storage.elements.reverse()
        return .none
      }
    case "copy":
      return { (_, _, interpreter, location) throws(ArchLangError) in
        try interpreter.chargeElements(storage.elements.count, at: location)
        return .list(ListStorage(storage.elements))
      }
    default: return nil
    }
  }

  /// `index` and `count` of lists and tuples.
  func sequenceMethod(_ call: MethodCall) -> MethodBody? {
    let name = call.name
    let receiver = call.receiver
    switch name {
    case "index", "count":
      return { (positional, _, interpreter, location) throws(ArchLangError) in
        try call.arity(positional, 1...1, location)
        let elements = try interpreter.elements(of: receiver, at: location)
        var count = 0
        for (offset, element) in elements.enumerated()
        where try interpreter.equals(element, positional[0], at: location) {
          if name == "index" { return .int(offset) }
          count += 1
        }
        if name == "index" {
          throw ArchLangError(
            .runtime, "\(try interpreter.repr(positional[0])) is not in \(receiver.typeName)", at: location)
        }
        return .int(count)
      }
    default: return nil
    }
  }

  /// `items`, `keys`, `values`, `get` and `update`.
  func dictMethod(_ storage: DictStorage, _ call: MethodCall) -> MethodBody? {
    let name = call.name
    switch name {
    case "items":
      return { (_, _, interpreter, location) throws(ArchLangError) in
        try interpreter.chargeElements(3 * storage.count, at: location)
        return .list(ListStorage(zip(storage.keys, storage.values).map { .tuple([$0, $1]) }))
      }
    case "keys", "values":
      return { (_, _, interpreter, location) throws(ArchLangError) in
        try interpreter.chargeElements(storage.count, at: location)
        return .list(ListStorage(name == "keys" ? storage.keys : storage.values))
      }
    case "get":
      return { (positional, _, interpreter, location) throws(ArchLangError) in
        try call.arity(positional, 1...2, location)
        guard let key = try interpreter.hashKey(positional[0], at: location) else {
          return positional.count > 1 ? positional[1] : .none
        }
        return storage.value(for: key) ?? (positional.count > 1 ? positional[1] : .none)
      }
    case "update":
      return { (positional, keywords, interpreter, location) throws(ArchLangError) in
        try call.arity(positional, 0...1, location)
        if let other = positional.first {
          guard case .dict(let source) = other else {
            throw ArchLangError(.runtime, "dict.update() expects a dict", at: location)
          }
          for (key, value) in zip(source.keys, source.values) {
            if let hashable = try interpreter.hashKey(key, at: location) {
              storage.set(value, for: hashable, original: key)
            }
          }
        }
        for (key, value) in keywords { storage.set(value, for: .string(key), original: .string(key)) }
        try interpreter.checkSize(storage.count, at: location)
        return .none
      }
    default: return nil
    }
  }
}
