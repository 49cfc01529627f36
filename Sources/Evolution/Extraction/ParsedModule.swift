import ArchLang
import Foundation

/// A program text parsed as far as it parses: the module-level statements before the first one that does not, each
/// with its own text, and the syntax error that stopped the parse.
struct ParsedModule {
  /// One module-level statement and the text it was written as (comments and blank lines after it trimmed).
  struct Item {
    var statement: Statement
    var text: String
  }

  var items: [Item]
  /// The parsed part as a program (aliases, model classes).
  var program: Program
  /// Why the parse stopped early, and the line the kept text ends before; nil when everything parsed.
  var cut: (error: ArchLangError, line: Int)?

  /// Parses `source`, cutting it before the module-level statement that holds the first syntax error, again and
  /// again until what is left parses (each cut shortens the text, so this ends).
  init(_ source: String) {
    var lines = source.components(separatedBy: "\n")
    var lastCut: (error: ArchLangError, line: Int)?
    while true {
      do {
        program = try Program(parsing: lines.joined(separator: "\n"))
        break
      } catch {
        // The last cut is the earliest: a cut that lands inside a string or bracket fails again further up.
        let start = Self.statementStart(containing: error.location.line, in: lines)
        lastCut = (error, start)
        lines = Array(lines.prefix(max(0, start - 1)))
      }
    }
    cut = lastCut
    items = Self.slice(program)
  }

  /// The 1-based line where the module-level statement holding `line` starts: the nearest line at or above it that
  /// begins in column 1 with code (not a comment, not a closing bracket).
  private static func statementStart(containing line: Int, in lines: [String]) -> Int {
    var index = min(line, lines.count) - 1
    while index > 0 {
      let text = lines[index]
      if let first = text.first, !first.isWhitespace, first != "#", !")]}".contains(first) { break }
      index -= 1
    }
    return max(index, 0) + 1
  }

  /// Each statement's text: from its start to the next statement's start, without trailing blank and comment lines
  /// or a `;` separator.
  private static func slice(_ program: Program) -> [Item] {
    let source = program.source
    let lineStarts = Self.lineStarts(of: source)
    func index(_ location: SourceLocation) -> String.Index {
      let lineStart = lineStarts[min(location.line - 1, lineStarts.count - 1)]
      return source.unicodeScalars.index(
        lineStart, offsetBy: location.column - 1, limitedBy: source.endIndex) ?? source.endIndex
    }
    let starts = program.statements.map { index($0.location) }
    return program.statements.indices.map { position in
      let end = position + 1 < starts.count ? starts[position + 1] : source.endIndex
      return Item(statement: program.statements[position], text: trimmed(String(source[starts[position]..<end])))
    }
  }

  private static func lineStarts(of source: String) -> [String.Index] {
    var starts = [source.startIndex]
    var index = source.startIndex
    while let newline = source[index...].firstIndex(of: "\n") {
      index = source.index(after: newline)
      starts.append(index)
    }
    return starts
  }

  private static func trimmed(_ text: String) -> String {
    var lines = text.components(separatedBy: "\n")
    while let last = lines.last {
      let stripped = last.trimmingCharacters(in: .whitespaces)
      if stripped.isEmpty || (stripped.hasPrefix("#") && !last.hasPrefix(" ") && lines.count > 1) {
        lines.removeLast()
      } else {
        break
      }
    }
    var result = lines.joined(separator: "\n")
    while result.last == ";" || result.last == " " { result.removeLast() }
    return result
  }
}
