/// A parsed Python format spec: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
struct FormatSpec {
  var fill: Character = " "
  /// `<`, `>`, `^` or `=`; nil until the spec or the value's kind decides.
  var align: Character?
  var sign: Character = "-"
  /// The minimum width, at most 10,000.
  var width = 0
  var grouping: Character?
  var precision: Int?
  var type: Character?

  init(_ spec: String, at location: SourceLocation) throws(ArchLangError) {
    var characters = Array(spec)
    if characters.count >= 2, "<>^=".contains(characters[1]) {
      fill = characters[0]
      align = characters[1]
      characters.removeFirst(2)
    } else if let first = characters.first, "<>^=".contains(first) {
      align = first
      characters.removeFirst()
    }
    if let first = characters.first, "+- ".contains(first) {
      sign = first
      characters.removeFirst()
    }
    if characters.first == "#" { characters.removeFirst() }
    if characters.first == "0" {
      if align == nil {
        fill = "0"
        align = "="
      }
      characters.removeFirst()
    }
    var widthText = ""
    while let first = characters.first, first.isASCII, first.isNumber {
      widthText.append(first)
      characters.removeFirst()
    }
    if let first = characters.first, first == "," || first == "_" {
      grouping = first
      characters.removeFirst()
    }
    if characters.first == "." {
      characters.removeFirst()
      var digits = ""
      while let first = characters.first, first.isASCII, first.isNumber {
        digits.append(first)
        characters.removeFirst()
      }
      precision = Int(digits)
      if precision == nil { throw ArchLangError(.runtime, "format specifier missing precision", at: location) }
    }
    type = characters.first
    if characters.count > 1 { throw ArchLangError(.runtime, "invalid format specifier '\(spec)'", at: location) }
    width = min(Int(widthText) ?? 0, 10_000)
  }
}
