import MemberwiseInit

/// One input size the check rewrote: a layer constructor whose `in_features` or `in_channels` was not the size of
/// the input the layer is given, as `nn.LazyLinear` would have inferred it.
public struct InputSizeRepair: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Where the constructor call is (1-based).
  public var line: Int
  public var column: Int
  /// `in_features` or `in_channels`.
  public var argument: String
  /// The argument as the program wrote it.
  public var written: String
  /// The size written in its place.
  public var size: Int

  public var description: String { "\(line):\(column): \(argument) \(written) -> \(size), the size of its input" }
}

/// A check that may have rewritten input sizes: the report of the program as repaired, its text, and what changed.
@MemberwiseInit
public struct RepairedCandidateReport: Sendable, Hashable {
  public var report: CandidateReport
  /// The program the report is about: `source` itself when nothing was repaired.
  public var source: String
  public var repairs: [InputSizeRepair]
}

extension CandidateCheck {
  /// The most constructors one check rewrites; a program that needs more is rejected with its last error.
  public static let maximumInputSizeRepairs = 8

  /// Checks `source`, and when a layer fails only because its written input size differs from its input's, writes
  /// the input's size into the constructor call and checks again. Language models get the flattened size of a
  /// read-out wrong more often than anything else; PyTorch's lazy layers infer it, and this does the same in the
  /// text, so the program that trains (and is exported) is the repaired one. Each call site is repaired at most
  /// once, so a size shared by two layers that need different inputs ends in the original rejection.
  public func runRepairingInputSizes(_ source: String) -> RepairedCandidateReport {
    var text = source
    var repairs: [InputSizeRepair] = []
    var report = run(text)
    while let failure = report.error, repairs.count < Self.maximumInputSizeRepairs, let fix = failure.inputSizeFix,
      !repairs.contains(where: { $0.line == fix.constructedAt.line && $0.column == fix.constructedAt.column }),
      let (patched, written) = ConstructorArgument.replacing(
        fix.argument, in: text, callAt: fix.constructedAt, with: String(fix.size))
    {
      let retried = run(patched)
      // A repair that trades the error for one earlier in the program made nothing better.
      if let error = retried.error, error.inputSizeFix == nil, error.location < failure.location { break }
      repairs.append(
        InputSizeRepair(
          line: fix.constructedAt.line, column: fix.constructedAt.column, argument: fix.argument, written: written,
          size: fix.size))
      text = patched
      report = retried
    }
    return RepairedCandidateReport(report: report, source: repairs.isEmpty ? source : text, repairs: repairs)
  }
}

/// Finds and replaces one argument of a call in program text, by scanning from the call's place: the keyword
/// argument `name=` if the call has one, else the first positional argument.
enum ConstructorArgument {
  /// `source` with the argument replaced by `replacement`, and the argument's text as written; nil when the call or
  /// the argument cannot be found, or it already reads `replacement`.
  static func replacing(
    _ name: String, in source: String, callAt location: SourceLocation, with replacement: String
  ) -> (String, String)? {
    let scalars = Array(source.unicodeScalars)
    guard let start = offset(of: location, in: scalars),
      let open = scalars[start...].firstIndex(of: "("),
      let span = argumentSpan(name, in: scalars, after: open)
    else { return nil }
    let written = String(String.UnicodeScalarView(scalars[span]))
    if written == replacement { return nil }
    var patched = scalars
    patched.replaceSubrange(span, with: replacement.unicodeScalars)
    return (String(String.UnicodeScalarView(patched)), written)
  }

  private static func offset(of location: SourceLocation, in scalars: [Unicode.Scalar]) -> Int? {
    var line = 1
    var index = 0
    while line < location.line {
      guard let newline = scalars[index...].firstIndex(of: "\n") else { return nil }
      index = newline + 1
      line += 1
    }
    let offset = index + location.column - 1
    return offset < scalars.count ? offset : nil
  }

  /// The trimmed span of the argument, scanning the call's arguments at nesting depth zero (strings skipped).
  private static func argumentSpan(_ name: String, in scalars: [Unicode.Scalar], after open: Int) -> Range<Int>? {
    var arguments: [Range<Int>] = []
    var depth = 0
    var begin = open + 1
    var index = open + 1
    var quote: Unicode.Scalar?
    scan: while index < scalars.count {
      let scalar = scalars[index]
      if let current = quote {
        if scalar == "\\" { index += 1 } else if scalar == current { quote = nil }
      } else {
        switch scalar {
        case "\"", "'": quote = scalar
        case "(", "[", "{": depth += 1
        case ")", "]",
          "}" where depth > 0:
          depth -= 1
        case ")":
          arguments.append(begin..<index)
          break scan
        case "," where depth == 0:
          arguments.append(begin..<index)
          begin = index + 1
        default: break
        }
      }
      index += 1
    }
    var firstPositional: Range<Int>?
    for span in arguments.map({ trim($0, in: scalars) }) where !span.isEmpty {
      if let (key, value) = keyword(in: span, of: scalars) {
        if key == name { return value }
      } else if firstPositional == nil {
        firstPositional = span
      }
    }
    return firstPositional
  }

  /// The key and value span of a `key=value` argument (not `==`); nil for a positional one.
  private static func keyword(in span: Range<Int>, of scalars: [Unicode.Scalar]) -> (String, Range<Int>)? {
    guard let equals = scalars[span].firstIndex(of: "="), equals + 1 < span.upperBound, scalars[equals + 1] != "="
    else { return nil }
    let key = trim(span.lowerBound..<equals, in: scalars)
    let isName =
      !key.isEmpty
      && scalars[key].allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" }
    guard isName else { return nil }
    return (String(String.UnicodeScalarView(scalars[key])), trim(equals + 1..<span.upperBound, in: scalars))
  }

  private static func trim(_ span: Range<Int>, in scalars: [Unicode.Scalar]) -> Range<Int> {
    var lower = span.lowerBound
    var upper = span.upperBound
    while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
    while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
    return lower..<upper
  }
}
