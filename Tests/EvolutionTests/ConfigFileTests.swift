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
    XCTAssertEqual(config.options, ["lm": "openai", "base_url": "http://127.0.0.1:8080/v1", "model": "qwen2.5-coder"])
    var settings = SearchSettings()
    try settings.apply(config.settings)
    XCTAssertEqual(settings.rounds, 4)
    XCTAssertEqual(settings.samplesPerPrompt, 8)
    XCTAssertEqual(settings.temperatures, [0.2, 0.8])
    XCTAssertTrue(settings.randomParents)
    XCTAssertEqual(settings.training.steps, 2000)
    XCTAssertEqual(settings.training.optimizer, .adamw)
    XCTAssertEqual(settings.parentCount, 10, "unset keys keep the paper's defaults")
  }

  func testErrorsNameTheFileLineAndKey() {
    XCTAssertThrowsError(try ConfigFile(text: "rounds = 3\nroundz = 4\n", path: "a.toml")) { error in
      XCTAssertTrue("\(error)".hasPrefix("a.toml:2:"), "\(error)")
      XCTAssertTrue("\(error)".contains("roundz"))
    }
    XCTAssertThrowsError(try ConfigFile(text: "rounds 3\n", path: "b.toml")) {
      XCTAssertTrue("\($0)".hasPrefix("b.toml:1:"))
    }
    XCTAssertThrowsError(try ConfigFile(text: "model = \"open\n", path: "c.toml")) {
      XCTAssertTrue("\($0)".contains("unterminated"))
    }
    XCTAssertThrowsError(try ConfigFile(text: "rounds = -2\n", path: "d.toml")) {
      XCTAssertTrue("\($0)".contains("rounds"))
    }
    XCTAssertThrowsError(try ConfigFile(text: "review = \"maybe\"\n", path: "e.toml")) {
      XCTAssertTrue("\($0)".contains("manual, auto or auto-valid"))
    }
  }

  func testRecordedSettingsRoundTrip() throws {
    var settings = SearchSettings.quick
    settings.review = .manual
    settings.naiveFewShot = true
    settings.seed = 42
    XCTAssertEqual(try SearchSettings(recorded: settings.dictionary), settings)
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
