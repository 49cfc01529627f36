/// How plots draw dots: braille (2x4 dots per cell) or, for fonts without braille, half blocks (1x2 per cell).
public enum PlotGlyphs: Sendable, Equatable {
  case braille
  case blocks

  /// Dots per cell across and down.
  public var dotsPerCell: (columns: Int, rows: Int) {
    switch self {
    case .braille: (2, 4)
    case .blocks: (1, 2)
    }
  }

  /// The glyph for a cell whose dots are set in `bits` (bit `row * columns + column`).
  func glyph(_ bits: UInt8) -> Character {
    switch self {
    case .braille:
      // Braille dot numbering: left column 1,2,3,7 and right column 4,5,6,8.
      let dotBits: [UInt32] = [0x01, 0x08, 0x02, 0x10, 0x04, 0x20, 0x40, 0x80]
      var value: UInt32 = 0
      for bit in 0..<8 where bits & (1 << bit) != 0 { value |= dotBits[bit] }
      return Character(Unicode.Scalar(0x2800 + value)!)
    case .blocks:
      switch bits & 0b11 {
      case 0b01: return "▀"
      case 0b10: return "▄"
      case 0b11: return "█"
      default: return " "
      }
    }
  }
}
