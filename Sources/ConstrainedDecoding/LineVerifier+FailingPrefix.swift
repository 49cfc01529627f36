import ArchLang

extension LineVerifier {
  /// The beginning of `line` (the last line of `source`) up to the end of the expression `error` points at, when
  /// that expression alone fails the same way after the lines before it: every line that begins so fails, so a
  /// decoder need not write it again with another ending. (Qwen2.5-Coder resamples a `view` that cannot work as
  /// the same `view` followed by `// 2`, then `* 4 * 4`, and so on.) `runs` runs a candidate source as the check
  /// ran `source`, throwing what it hits. Nil when the error is not a runtime error of this line, when the
  /// expression does not end with a call or subscript (a name could still grow into another), or when it passes
  /// or fails differently on its own.
  static func failingPrefix(
    of line: CommittedLine, source: String, error: ArchLangError, runs: (String) throws(ArchLangError) -> Void
  ) -> String? {
    let lineNumber = source.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    guard error.kind == .runtime, error.location.line == lineNumber else { return nil }
    let characters = Array(line.text)
    let start = error.location.column - 1
    guard characters.indices.contains(start), let end = postfixChainEnd(in: characters, from: start) else {
      return nil
    }
    let before = source.dropLast(line.text.count + 1)
    let probe = before + String(repeating: " ", count: line.indent) + "_ = " + String(characters[start..<end]) + "\n"
    do throws(ArchLangError) {
      try runs(String(probe))
      return nil
    } catch let probeError {
      // Failing alike, the expression alone is what fails.
      guard probeError.message == error.message, probeError.location.line == lineNumber else { return nil }
      return String(characters[..<end])
    }
  }

  /// The end (exclusive) of the postfix chain that starts at `start`: a name, then `.name`, `(...)` and `[...]`
  /// trailers; nil unless it ends with a closing bracket.
  static func postfixChainEnd(in characters: [Character], from start: Int) -> Int? {
    func isNameCharacter(_ character: Character) -> Bool {
      character.isLetter || character.isNumber || character == "_"
    }
    guard characters[start].isLetter || characters[start] == "_" else { return nil }
    var index = start
    while index < characters.count, isNameCharacter(characters[index]) { index += 1 }
    while index < characters.count {
      let character = characters[index]
      if character == ".", index + 1 < characters.count, characters[index + 1].isLetter || characters[index + 1] == "_"
      {
        index += 1
        while index < characters.count, isNameCharacter(characters[index]) { index += 1 }
      } else if character == "(" || character == "[" {
        guard let close = matchingBracket(in: characters, from: index) else { return nil }
        index = close + 1
      } else {
        break
      }
    }
    return characters[index - 1] == ")" || characters[index - 1] == "]" ? index : nil
  }

  /// The index of the bracket that closes the one at `open`, skipping brackets inside string literals.
  private static func matchingBracket(in characters: [Character], from open: Int) -> Int? {
    var depth = 0
    var quote: Character?
    for index in open..<characters.count {
      let character = characters[index]
      if let current = quote {
        if character == current { quote = nil }
        continue
      }
      switch character {
      case "'", "\"": quote = character
      case "(", "[", "{": depth += 1
      case ")", "]", "}":
        depth -= 1
        if depth == 0 { return index }
      default: break
      }
    }
    return nil
  }
}
