import Evolution
import XCTest

final class ConfigFileTests: XCTestCase {
  func testTablesCommentsArraysAndOptions() throws {
    let text = """
      # a search for the paper's ablation
      lm = "openai"
      base_url = "http://127.0.0.1:8080/v1"   # a local server
      model = 'qwen2.5-coder'

      [search]
      rounds = 4
      samples = 8
      temperatures = [0.2, 0.8]
      random_parents = true

      [training]
      steps = 2_000
      optimizer = "adamw"
      """
    let config = try ConfigFile(text: text, path: "search.toml")
    var languageModel = LanguageModelSettings()
    try config.apply(to: &languageModel)
    XCTAssertEqual(languageModel.backend, .openai)
    XCTAssertEqual(languageModel.baseURL, "http://127.0.0.1:8080/v1")
    XCTAssertEqual(languageModel.model, "qwen2.5-coder")
    var settings = SearchSettings()
    try config.apply(to: &settings)
    XCTAssertEqual(settings.rounds, 4)
    XCTAssertEqual(settings.samplesPerPrompt, 8)
    XCTAssertEqual(settings.temperatures, [0.2, 0.8])
    XCTAssertTrue(settings.randomParents)
    XCTAssertEqual(settings.training.steps, 2000)
    XCTAssertEqual(settings.training.optimizer, .adamw)
    XCTAssertEqual(settings.parentCount, 10, "unset keys keep the paper's defaults")
  }

  /// Applies `text` as a search's TOML file is applied: every key must be a setting, every value valid.
  private func load(_ text: String, path: String) throws {
    let file = try ConfigFile(text: text, path: path)
    try file.checkKeys(belongTo: [SearchSettings.self, LanguageModelSettings.self])
    var settings = SearchSettings()
    try file.apply(to: &settings)
    var languageModel = LanguageModelSettings()
    try file.apply(to: &languageModel)
  }

  func testErrorsNameTheFileLineAndKey() {
    XCTAssertThrowsError(try load("rounds = 3\nroundz = 4\n", path: "a.toml")) { error in
      XCTAssertTrue("\(error)".hasPrefix("a.toml:2:"), "\(error)")
      XCTAssertTrue("\(error)".contains("did you mean 'rounds'?"), "\(error)")
    }
    XCTAssertThrowsError(try load("rounds 3\n", path: "b.toml")) {
      XCTAssertTrue("\($0)".hasPrefix("b.toml:1:"))
    }
    XCTAssertThrowsError(try load("model = \"open\n", path: "c.toml")) {
      XCTAssertTrue("\($0)".contains("unterminated"))
    }
    XCTAssertThrowsError(try load("rounds = -2\n", path: "d.toml")) {
      XCTAssertTrue("\($0)".hasPrefix("d.toml:1: setting 'rounds'"), "\($0)")
    }
    XCTAssertThrowsError(try load("review = \"maybe\"\n", path: "e.toml")) {
      XCTAssertTrue("\($0)".contains("expected one of manual, auto, auto-valid"), "\($0)")
    }
  }

  /// A value error names the file and the line the value is on (it said `file:0` before), under any table.
  func testValueErrorsNameTheirRealLine() {
    let text = "# quick ablation\nrounds = 2\n\n[training]\nlr = 0.01\nsteps = 0\n"
    XCTAssertThrowsError(try load(text, path: "search.toml")) { error in
      XCTAssertEqual("\(error)", "search.toml:6: setting 'steps' = '0': expected a whole number from 1 to 1,000,000")
    }
    XCTAssertThrowsError(try load("\n\nlm = \"gpt\"\n", path: "lm.toml")) {
      XCTAssertTrue("\($0)".hasPrefix("lm.toml:3: setting 'lm' = 'gpt': expected one of embedded"), "\($0)")
    }
  }

  func testAnUnreadableFileSaysWhy() {
    XCTAssertThrowsError(try ConfigFile.load(path: "/nonexistent/search.toml")) {
      XCTAssertEqual("\($0)", "cannot read /nonexistent/search.toml: no such file")
    }
  }

  func testRecordedSettingsRoundTrip() throws {
    var settings = SearchSettings.quick
    settings.review = .manual
    settings.naiveFewShot = true
    settings.seed = 42
    XCTAssertEqual(try SearchSettings(recorded: settings.recorded), settings)
  }

  func testPaperDefaults() {
    let paper = SearchSettings()
    XCTAssertEqual(
      [paper.parentCount, paper.parentsPerPrompt, paper.rounds, paper.promptsPerRound, paper.samplesPerPrompt],
      [10, 2, 10, 10, 16])
    XCTAssertEqual(paper.alpha, 0.5)
    XCTAssertEqual(paper.temperatures, [0.2, 0.6, 0.8, 1.0])
    XCTAssertEqual(paper.training.steps, 8000)
    XCTAssertEqual(paper.training.batchSize, 128)
    XCTAssertEqual(paper.training.learningRate, 0.01)
  }
}
