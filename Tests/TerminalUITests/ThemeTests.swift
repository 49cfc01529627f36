import Foundation
import TerminalUI
import XCTest

final class ThemeTests: XCTestCase {
  func testBuiltinThemesMatchTheThemeFiles() throws {
    // The repository's themes/ folder, found from this file (tests run from a checkout).
    let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("themes")
    for source in BuiltinThemes.sources {
      let file = try String(contentsOf: themes.appendingPathComponent(source.file), encoding: .utf8)
      XCTAssertEqual(file, source.text, "\(source.file) differs from BuiltinThemes.swift")
    }
    XCTAssertEqual(BuiltinThemes.all.map(\.name), ["dark", "light", "high-contrast"])
    for theme in BuiltinThemes.all {
      XCTAssertEqual(Set(theme.styles.keys), Set(StyleRole.allCases), "\(theme.name) leaves roles out")
    }
  }

  func testParsesColoursBackgroundsAndAttributes() throws {
    let theme = try Theme.parse(
      "name = t\nheader = black on 74 bold # comment\nmuted = #808080 dim\ngood = bright-green\n", source: "t.theme")
    XCTAssertEqual(theme.style(.header), CellStyle(foreground: .indexed(0), background: .indexed(74), bold: true))
    XCTAssertEqual(theme.style(.muted).foreground, .indexed(244))
    XCTAssertTrue(theme.style(.muted).dim)
    XCTAssertEqual(theme.style(.good).foreground, .indexed(10))
    XCTAssertEqual(theme.style(.keyword), CellStyle())
  }

  func testErrorsNameTheLineAndTheProblem() {
    func error(_ text: String) -> String {
      do {
        _ = try Theme.parse(text, source: "bad.theme")
        return "no error"
      } catch {
        return "\(error)"
      }
    }
    XCTAssertTrue(
      error("name = x\nheadr = red").hasPrefix("bad.theme:2: unknown role 'headr'"), error("name = x\nheadr = red"))
    XCTAssertEqual(
      error("name = x\ngood = grean"),
      "bad.theme:2: unknown colour or attribute 'grean' (colours: default, black…white, bright-NAME, 0-255, #rrggbb; attributes: bold, dim, underline, reverse)"
    )
    XCTAssertEqual(error("name = x\n\ngood = red on"), "bad.theme:3: 'on' needs a background colour")
    XCTAssertEqual(error("good = red"), "bad.theme:1: missing 'name = …' line")
    XCTAssertEqual(error("name = x\ngood red"), "bad.theme:2: expected 'role = colours', got 'good red'")
    XCTAssertEqual(error("name = x\ngood = red\ngood = blue"), "bad.theme:3: role 'good' is set twice")
  }

  func testColourReductionForSmallTerminalsAndNoColor() {
    XCTAssertEqual(TerminalColor.indexed(10).basic, .indexed(2))
    XCTAssertEqual(TerminalColor.indexed(196).basic, .indexed(1))
    XCTAssertEqual(TerminalColor.indexed(114).basic, .indexed(2))
    XCTAssertEqual(TerminalColor.indexed(231).basic, .indexed(7))
    XCTAssertEqual(TerminalColor.indexed(232).basic, .indexed(0))
    XCTAssertEqual(ColorSupport.detect(colors: 256, environment: [:]), .palette256)
    XCTAssertEqual(ColorSupport.detect(colors: 8, environment: [:]), .basic)
    XCTAssertEqual(ColorSupport.detect(colors: 256, environment: ["NO_COLOR": "1"]), .none)
    XCTAssertEqual(ColorSupport.detect(colors: 256, environment: ["NO_COLOR": ""]), .palette256)
    let selection = BuiltinThemes.all[0].style(.selection)
    let plain = ColorSupport.none.adapt(selection)
    XCTAssertEqual(plain.foreground, .terminalDefault)
    XCTAssertTrue(plain.reverse, "a background becomes reverse video without colour")
  }

  func testUserThemesAreLoadedAndBrokenOnesReported() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try "name = mine\ngood = red\n".write(
      to: directory.appendingPathComponent("mine.theme"), atomically: true, encoding: .utf8)
    try "name = broken\ngood = nope\n".write(
      to: directory.appendingPathComponent("broken.theme"), atomically: true, encoding: .utf8)
    let (themes, errors) = Theme.available(userDirectory: directory)
    XCTAssertEqual(themes.map(\.name), ["dark", "light", "high-contrast", "mine"])
    XCTAssertEqual(errors.map(\.line), [2])
  }

  func testTheHighContrastThemePaintsEveryRoleOnItsOwnBackground() throws {
    let theme = try XCTUnwrap(BuiltinThemes.all.first { $0.name == "high-contrast" })
    let black = TerminalColor.indexed(0)
    for role in StyleRole.allCases
    where theme.styles[role]?.background == nil || theme.styles[role]?.background == .terminalDefault {
      XCTAssertEqual(theme.style(role).background, black, "\(role) falls back to the terminal's own background")
    }
    XCTAssertEqual(theme.style(.border).background, black)
    XCTAssertEqual(theme.style(.plotBest).background, black)
    XCTAssertEqual(theme.style(.title).background, black)
    // Without colour, a role on normal's background is not reversed; a background of its own is.
    XCTAssertFalse(ColorSupport.none.adapt(theme.style(.border), normal: theme.style(.normal)).reverse)
    XCTAssertTrue(ColorSupport.none.adapt(theme.style(.header), normal: theme.style(.normal)).reverse)
    // Themes on the terminal's background are unchanged.
    XCTAssertEqual(BuiltinThemes.all[0].style(.border).background, .terminalDefault)
  }
}
