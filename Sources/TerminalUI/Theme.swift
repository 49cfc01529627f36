import Foundation
import MemberwiseInit

/// A named mapping from style roles to colours and attributes, read from a theme file.
///
/// The format, one setting per line (`#` starts a comment):
/// ```
/// name = dark
/// header = black on cyan bold
/// selection = reverse
/// good = bright-green
/// plotBest = 114
/// muted = #808080 dim
/// ```
/// Comments are whole lines starting with `#` or ` # ` to the end of a line.
/// A colour is `default`, a basic name (`black` … `white`), `bright-NAME`, a palette index 0–255 or `#rrggbb`
/// (mapped to the nearest palette entry); `on COLOUR` sets the background; attributes are `bold`, `dim`,
/// `underline`, `reverse`. Roles a theme leaves out look like `normal`, and a role that sets no foreground or
/// background takes `normal`'s, so a theme with its own background (high-contrast) paints every cell with it.
@MemberwiseInit
public struct Theme: Sendable, Equatable {
  public var name: String
  public var styles: [StyleRole: CellStyle]

  /// The style of a role: its own attributes, with `normal`'s colours where it sets none.
  public func style(_ role: StyleRole) -> CellStyle {
    let normal = styles[.normal] ?? CellStyle()
    guard var style = styles[role] else { return normal }
    if style.foreground == .terminalDefault { style.foreground = normal.foreground }
    if style.background == .terminalDefault { style.background = normal.background }
    return style
  }

  /// Parses a theme file's text; `source` names it in errors.
  public static func parse(_ text: String, source: String) throws -> Theme {
    var name: String?
    var styles: [StyleRole: CellStyle] = [:]
    for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let lineNumber = offset + 1
      // A comment is a line starting with `#` or the rest after ` # `; `#rrggbb` colours are not comments.
      var line = String(rawLine)
      if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { line = "" }
      if let comment = line.range(of: " # ") ?? line.range(of: "\t# ") { line = String(line[..<comment.lowerBound]) }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      guard let equals = trimmed.firstIndex(of: "=") else {
        throw ThemeError(source: source, line: lineNumber, message: "expected 'role = colours', got '\(trimmed)'")
      }
      let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
      let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      if key == "name" {
        guard !value.isEmpty else { throw ThemeError(source: source, line: lineNumber, message: "empty theme name") }
        name = value
        continue
      }
      guard let role = StyleRole(rawValue: key) else {
        let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
        throw ThemeError(source: source, line: lineNumber, message: "unknown role '\(key)' (known: name, \(known))")
      }
      if styles[role] != nil {
        throw ThemeError(source: source, line: lineNumber, message: "role '\(key)' is set twice")
      }
      styles[role] = try parseStyle(value, source: source, line: lineNumber)
    }
    guard let name else { throw ThemeError(source: source, line: 1, message: "missing 'name = …' line") }
    return Theme(name: name, styles: styles)
  }

  static func parseStyle(_ text: String, source: String, line: Int) throws -> CellStyle {
    var style = CellStyle()
    var sawForeground = false
    var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)[...]
    while let word = words.popFirst() {
      switch word.lowercased() {
      case "bold": style.bold = true
      case "dim": style.dim = true
      case "underline": style.underline = true
      case "reverse": style.reverse = true
      case "on":
        guard let colourWord = words.popFirst() else {
          throw ThemeError(source: source, line: line, message: "'on' needs a background colour")
        }
        guard let colour = TerminalColor.parse(colourWord) else {
          throw ThemeError(source: source, line: line, message: "unknown colour '\(colourWord)'")
        }
        style.background = colour
      default:
        guard let colour = TerminalColor.parse(word) else {
          throw ThemeError(
            source: source, line: line,
            message:
              "unknown colour or attribute '\(word)' (colours: default, black…white, bright-NAME, 0-255, #rrggbb; attributes: bold, dim, underline, reverse)"
          )
        }
        guard !sawForeground else {
          throw ThemeError(source: source, line: line, message: "two foreground colours; write 'FG on BG'")
        }
        sawForeground = true
        style.foreground = colour
      }
    }
    return style
  }

  /// Reads a theme file.
  public static func load(contentsOf url: URL) throws -> Theme {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw ThemeError(source: url.path, line: 0, message: "cannot read: \(error.localizedDescription)")
    }
    return try parse(text, source: url.lastPathComponent)
  }

  /// The built-in themes (dark first), then any `*.theme` files in `directory` (sorted by name).
  ///
  /// A broken user theme is reported through `errors` and skipped, so a typo never keeps the UI from starting.
  public static func available(userDirectory directory: URL?) -> (themes: [Theme], errors: [ThemeError]) {
    var themes = BuiltinThemes.all
    var errors: [ThemeError] = []
    guard let directory,
      let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
    else { return (themes, errors) }
    for file in names.sorted() where file.hasSuffix(".theme") {
      do {
        let theme = try load(contentsOf: directory.appendingPathComponent(file))
        themes.removeAll { $0.name == theme.name }
        themes.append(theme)
      } catch let error as ThemeError {
        errors.append(error)
      } catch {
        errors.append(ThemeError(source: file, line: 0, message: "\(error)"))
      }
    }
    return (themes, errors)
  }

  /// Where user themes live: `$XDG_CONFIG_HOME/evoprompting/themes` or `~/.config/evoprompting/themes`.
  public static var userDirectory: URL {
    let environment = ProcessInfo.processInfo.environment
    let base =
      environment["XDG_CONFIG_HOME"].map { URL(fileURLWithPath: $0) }
      ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
    return base.appendingPathComponent("evoprompting/themes")
  }
}
