import Foundation
import XCTest

import TerminalUI

final class ThemeTests: XCTestCase {
  func testBuiltinThemesMatchTheThemeFiles() throws {
    // The repository's themes/ folder, found from this file (tests run from a checkout).
    let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
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
    let theme = try Theme.parse("name = t\nheader = black on 74 bold # comment\nmuted = #808080 dim\ngood = bright-green\n", source: "t.theme")
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
    XCTAssertTrue(error("name = x\nheadr = red").hasPrefix("bad.theme:2: unknown role 'headr'"), error("name = x\nheadr = red"))
    XCTAssertEqual(error("name = x\ngood = grean"), "bad.theme:2: unknown colour or attribute 'grean' (colours: default, black…white, bright-NAME, 0-255, #rrggbb; attributes: bold, dim, underline, reverse)")
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
    try "name = mine\ngood = red\n".write(to: directory.appendingPathComponent("mine.theme"), atomically: true, encoding: .utf8)
    try "name = broken\ngood = nope\n".write(to: directory.appendingPathComponent("broken.theme"), atomically: true, encoding: .utf8)
    let (themes, errors) = Theme.available(userDirectory: directory)
    XCTAssertEqual(themes.map(\.name), ["dark", "light", "high-contrast", "mine"])
    XCTAssertEqual(errors.map(\.line), [2])
  }
}
