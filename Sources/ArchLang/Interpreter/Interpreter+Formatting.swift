import Foundation

extension Interpreter {
  /// Python `str(value)`.
  public func str(_ value: Value) throws(ArchLangError) -> String {
    if case .string(let text) = value { return text }
    return try repr(value)
  }

  /// Python `repr(value)`.
  ///
  /// A list or dict that holds itself prints as `[...]` or `{...}` where it recurs, as in Python; a nest deeper
  /// than `limits.maximumValueNesting` is an error, and so is a text longer than the collection limit. Every
  /// element written costs a step, and the text is charged to the memory budget.
  public func repr(_ value: Value) throws(ArchLangError) -> String {
    var output = ""
    try writeRepr(value, to: &output, at: currentLocation)
    try charge(output.utf8.count, at: currentLocation)
    return output
  }

  private func writeRepr(_ value: Value, to output: inout String, at location: SourceLocation) throws(ArchLangError) {
    switch value {
    case .none: output += "None"
    case .bool(let flag): output += flag ? "True" : "False"
    case .int(let number): output += String(number)
    case .float(let number): output += PrettyPrinter.floatLiteral(number)
    case .string(let text):
      try work(text.utf8.count / Self.bytesPerStep, at: location)
      try checkSize(output.utf8.count + text.utf8.count, at: location)
      output += PrettyPrinter.stringLiteral(text)
    case .list(let storage):
      try writeElements(of: storage, storage.elements, open: "[", close: "]", to: &output, at: location)
    case .tuple(let tuple):
      try writeElements(
        of: tuple, tuple.elements, open: "(", close: tuple.elements.count == 1 ? ",)" : ")", to: &output, at: location)
    case .dict(let storage):
      try writeElements(
        of: storage, Array(zip(storage.keys, storage.values)).flatMap { [$0, $1] }, open: "{", close: "}",
        separator: { $0 % 2 == 1 ? ": " : ", " }, to: &output, at: location)
    case .range(let start, let stop, let step):
      output += step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))"
    case .slice(let a, let b, let c):
      output += "slice("
      try nested(at: location) { () throws(ArchLangError) in
        try writeRepr(a, to: &output, at: location)
        output += ", "
        try writeRepr(b, to: &output, at: location)
        output += ", "
        try writeRepr(c, to: &output, at: location)
      }
      output += ")"
    case .ellipsis: output += "Ellipsis"
    case .function(let function): output += "<function \(function.definition.name)>"
    case .boundMethod(_, let function): output += "<bound method \(function.definition.name)>"
    case .builtin(let builtin): output += "<built-in function \(builtin.name)>"
    case .classObject(let classObject): output += "<class '\(classObject.name)'>"
    case .instance(let object): output += "<\(object.classObject.name) object>"
    case .namespace(let name): output += name.hasPrefix("torch.float") ? name : "<module '\(name)'>"
    case .superProxy: output += "<super object>"
    case .native(let object):
      if let describable = object as? any CustomStringConvertible {
        output += describable.description
      } else {
        output += "<\(object.typeName)>"
      }
    }
    try checkSize(output.utf8.count, at: location)
  }

  /// Writes a container's elements between `open` and `close`; `[...]` (or `{...}`) if it is already being
  /// written further out.
  private func writeElements(
    of container: AnyObject, _ elements: [Value], open: String, close: String,
    separator: (Int) -> String = { _ in ", " }, to output: inout String, at location: SourceLocation
  ) throws(ArchLangError) {
    let identity = ObjectIdentifier(container)
    guard reprInProgress.insert(identity).inserted else {
      output += open + "..." + (close == ",)" ? ")" : close)
      return
    }
    defer { reprInProgress.remove(identity) }
    try nested(at: location) { () throws(ArchLangError) in
      output += open
      for (index, element) in elements.enumerated() {
        try tick(location)
        if index > 0 { output += separator(index) }
        try writeRepr(element, to: &output, at: location)
      }
      output += close
    }
  }

  /// How many bytes of text one interpreter step may scan, compare or copy (decoding a string's code points
  /// costs about as much per 8 bytes as a simple statement does).
  static let bytesPerStep = 8

  /// Python `format(value, spec)`: `[[fill]align][sign][0][width][,][.precision][type]`.
  func format(_ value: Value, spec: String, at location: SourceLocation) throws(ArchLangError) -> String {
    if spec.isEmpty { return try str(value) }
    var parsed = try FormatSpec(spec, at: location)
    let (fill, sign, width, precision, type) = (parsed.fill, parsed.sign, parsed.width, parsed.precision, parsed.type)
    var body: String
    var negative = false
    switch (value, type) {
    case (.string(let text), nil), (.string(let text), "s"):
      body = precision.map { String(text.prefix($0)) } ?? text
      if parsed.align == nil { parsed.align = "<" }
    case (_, "s"):
      body = try str(value)
      if parsed.align == nil { parsed.align = "<" }
    default:
      guard let numeric = number(value) else {
        if type == nil {
          body = try str(value)
          break
        }
        throw ArchLangError(
          .runtime, "unknown format code '\(type.map(String.init) ?? "")' for '\(value.typeName)'", at: location)
      }
      (body, negative) = try Self.formatNumber(numeric, parsed, at: location)
      if parsed.align == nil { parsed.align = ">" }
    }
    var signText = ""
    if negative {
      signText = "-"
    } else if number(value) != nil {
      if sign == "+" { signText = "+" } else if sign == " " { signText = " " }
    }
    guard width > 0 else { return signText + body }
    let contentLength = signText.count + body.count
    guard width > contentLength else { return signText + body }
    let padding = width - contentLength
    switch parsed.align {
    case "<": return signText + body + String(repeating: fill, count: padding)
    case "^":
      let left = padding / 2
      return String(repeating: fill, count: left) + signText + body + String(repeating: fill, count: padding - left)
    case "=": return signText + String(repeating: fill, count: padding) + body
    default: return String(repeating: fill, count: padding) + signText + body
    }
  }

  /// The digits of a number under `format` (without the sign), and whether the number is negative.
  private static func formatNumber(_ numeric: Number, _ format: FormatSpec, at location: SourceLocation)
    throws(ArchLangError) -> (body: String, negative: Bool)
  {
    let (grouping, precision, type) = (format.grouping, format.precision, format.type)
    let clampedPrecision = min(precision ?? 6, 100)
    var body: String
    var negative = false
    switch (numeric, type) {
    case (.integer(let integer), nil), (.integer(let integer), "d"):
      negative = integer < 0
      body = String(integer.magnitude)
      if let grouping { body = Interpreter.group(body, separator: grouping) }
    case (.integer(let integer), "x"), (.integer(let integer), "X"), (.integer(let integer), "o"),
      (.integer(let integer), "b"):
      negative = integer < 0
      let radix = type == "o" ? 8 : type == "b" ? 2 : 16
      body = String(integer.magnitude, radix: radix, uppercase: type == "X")
    case (.real, "d"), (.real, "x"), (.real, "X"), (.real, "o"), (.real, "b"):
      throw ArchLangError(
        .runtime, "unknown format code '\(type.map(String.init) ?? "")' for object of type 'float'", at: location)
    default:
      let double = numeric.asDouble
      negative = double < 0 || (double == 0 && double.sign == .minus)
      let magnitude = Swift.abs(double)
      switch type {
      case "f", "F":
        body = String(format: "%.\(clampedPrecision)f", magnitude)
      case "e", "E":
        body = String(format: "%.\(clampedPrecision)e", magnitude)
      case "%":
        body = String(format: "%.\(clampedPrecision)f", magnitude * 100) + "%"
      case "g", "G":
        body = String(format: "%.\(max(clampedPrecision, 1))g", magnitude)
      case nil:
        if let precision {
          body = String(format: "%.\(max(min(precision, 100), 1))g", magnitude)
        } else if case .integer(let integer) = numeric {
          body = String(integer.magnitude)
        } else {
          body = PrettyPrinter.floatLiteral(magnitude)
        }
      default:
        throw ArchLangError(
          .runtime, "unknown format code '\(type.map(String.init) ?? "")' for object of type 'float'", at: location)
      }
      if type == "E" || type == "G" || type == "F" { body = body.uppercased() }
      if magnitude.isInfinite { body = type == "E" || type == "G" || type == "F" ? "INF" : "inf" }
      if magnitude.isNaN { body = type == "E" || type == "G" || type == "F" ? "NAN" : "nan" }
      if let grouping, !magnitude.isNaN, !magnitude.isInfinite {
        let parts = body.split(separator: ".", maxSplits: 1).map(String.init)
        body = Interpreter.group(parts[0], separator: grouping) + (parts.count > 1 ? "." + parts[1] : "")
      }
    }
    return (body, negative)
  }

  private static func group(_ digits: String, separator: Character) -> String {
    var result = ""
    for (offset, character) in digits.reversed().enumerated() {
      if offset > 0 && offset % 3 == 0 { result.append(separator) }
      result.append(character)
    }
    return String(result.reversed())
  }

  /// Python `template.format(*positional, **keywords)`.
  func formatString(
    _ template: String, _ positional: [Value], _ keywords: [(String, Value)], at location: SourceLocation
  )
    throws(ArchLangError) -> String
  {
    let characters = Array(template)
    var result = ""
    var index = 0
    var automatic = 0
    while index < characters.count {
      let character = characters[index]
      if character == "{" {
        if index + 1 < characters.count && characters[index + 1] == "{" {
          result.append("{")
          index += 2
          continue
        }
        var field = ""
        index += 1
        while index < characters.count && characters[index] != "}" {
          if characters[index] == "{" {
            throw ArchLangError(.unsupported, "nested replacement fields in str.format are not supported", at: location)
          }
          field.append(characters[index])
          index += 1
        }
        guard index < characters.count else {
          throw ArchLangError(.runtime, "single '{' encountered in format string", at: location)
        }
        index += 1
        var spec = ""
        var conversion: Character?
        if let colon = field.firstIndex(of: ":") {
          spec = String(field[field.index(after: colon)...])
          field = String(field[..<colon])
        }
        if let bang = field.firstIndex(of: "!") {
          conversion = field[field.index(after: bang)...].first
          field = String(field[..<bang])
        }
        var value: Value
        if field.isEmpty {
          guard automatic < positional.count else {
            throw ArchLangError(
              .runtime, "replacement index \(automatic) out of range for positional args tuple", at: location)
          }
          value = positional[automatic]
          automatic += 1
        } else if let number = Int(field) {
          guard number >= 0 && number < positional.count else {
            throw ArchLangError(
              .runtime, "replacement index \(number) out of range for positional args tuple", at: location)
          }
          value = positional[number]
        } else if let found = keywords.first(where: { $0.0 == field }) {
          value = found.1
        } else if field.contains(".") || field.contains("[") {
          throw ArchLangError(
            .unsupported, "attribute and index lookups in str.format fields are not supported", at: location)
        } else {
          throw ArchLangError(.runtime, "str.format: missing keyword argument '\(field)'", at: location)
        }
        if let conversion { value = .string(conversion == "s" ? try str(value) : try repr(value)) }
        let piece = try format(value, spec: spec, at: location)
        result += piece
        try checkSize(result.utf8.count, at: location)
        try charge(piece.utf8.count, at: location)
        continue
      }
      if character == "}" {
        if index + 1 < characters.count && characters[index + 1] == "}" {
          result.append("}")
          index += 2
          continue
        }
        throw ArchLangError(.runtime, "single '}' encountered in format string", at: location)
      }
      result.append(character)
      index += 1
    }
    return result
  }
}
