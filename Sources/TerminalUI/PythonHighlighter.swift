/// Colours a line of Python: keywords, strings, comments and numbers (one line at a time, no multi-line state).
public enum PythonHighlighter {
  static let keywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "self", "super", "try", "while", "with", "yield",
  ]

  /// The line split into runs with their roles.
  public static func tokens(_ line: String) -> [(text: String, role: StyleRole)] {
    var result: [(text: String, role: StyleRole)] = []
    let characters = Array(line)
    var index = 0
    func emit(_ text: String, _ role: StyleRole) {
      if let last = result.last, last.role == role {
        result[result.count - 1].text += text
      } else {
        result.append((text, role))
      }
    }
    while index < characters.count {
      let character = characters[index]
      if character == "#" {
        emit(String(characters[index...]), .comment)
        break
      }
      if character == "\"" || character == "'" {
        var end = index + 1
        while end < characters.count, characters[end] != character {
          end += characters[end] == "\\" ? 2 : 1
        }
        end = min(end + 1, characters.count)
        emit(String(characters[index..<end]), .string)
        index = end
        continue
      }
      if character.isLetter || character == "_" {
        var end = index
        while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" {
          end += 1
        }
        let word = String(characters[index..<end])
        emit(word, keywords.contains(word) ? .keyword : .normal)
        index = end
        continue
      }
      if character.isNumber {
        var end = index
        while end < characters.count,
          characters[end].isNumber || characters[end] == "." || characters[end] == "e" || characters[end] == "_"
        { end += 1 }
        emit(String(characters[index..<end]), .number)
        index = end
        continue
      }
      emit(String(character), .normal)
      index += 1
    }
    return result
  }

  /// Draws a highlighted line from `x` within `clip`.
  public static func draw(_ line: String, x: Int, y: Int, into buffer: inout CellBuffer, clip: Rect) {
    var column = x
    for token in tokens(line.replacingTabs) {
      column = buffer.put(token.text, x: column, y: y, role: token.role, clip: clip)
    }
  }
}

extension String {
  /// Tabs as four spaces (cells have no tab stops).
  var replacingTabs: String {
    contains("\t") ? split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ") : self
  }
}
