import Evolution
import XCTest

/// Prompt-tuning's hyperparameters as search settings: the paper's by default, cheaper in the quick preset, recorded.
final class PromptTuningSettingsTests: XCTestCase {
  func testPaperDefaultsAndTheQuickPreset() {
    let paper = SearchSettings()
    XCTAssertTrue(paper.promptTuning)
    XCTAssertEqual(
      [paper.tuning.promptLength, paper.tuning.epochs, paper.tuning.batchSize, paper.tuning.maxPromptTokens],
      [16, 5, 16, 384])
    XCTAssertEqual(paper.tuning.learningRate, 0.1)
    let quick = SearchSettings.quick
    XCTAssertTrue(quick.promptTuning)
    XCTAssertEqual(quick.tuning.epochs, 2)
    XCTAssertEqual(quick.tuning.maxPromptTokens, 256)
    XCTAssertEqual(quick.tuning.promptLength, 16)
  }

  func testTuningSettingsAreRecordedAndApplied() throws {
    var settings = SearchSettings.quick
    for (key, value) in [
      ("tuning_length", "8"), ("tuning_epochs", "3"), ("tuning_batch_size", "4"), ("tuning_lr", "0.03"),
      ("tuning_prompt_tokens", "128"),
    ] {
      try settings.set(key, to: value)
    }
    XCTAssertEqual(settings.tuning.promptLength, 8)
    XCTAssertEqual(settings.tuning.epochs, 3)
    XCTAssertEqual(settings.tuning.batchSize, 4)
    XCTAssertEqual(settings.tuning.learningRate, 0.03)
    XCTAssertEqual(settings.tuning.maxPromptTokens, 128)
    XCTAssertEqual(settings.recorded["tuning_epochs"], "3")
    XCTAssertEqual(try SearchSettings(recorded: settings.recorded), settings)
    settings.seed = 9
    XCTAssertEqual(settings.tuningSettings.seed, 9, "prompt-tuning draws from the search's seed")
  }

  func testBadTuningValuesNameTheKey() {
    var settings = SearchSettings()
    for (key, value) in [("tuning_epochs", "0"), ("tuning_lr", "-1"), ("tuning_lr", "fast"), ("tuning_length", "x")] {
      XCTAssertThrowsError(try settings.set(key, to: value), "\(key) = \(value)") {
        XCTAssertTrue("\($0)".contains(key), "\($0)")
      }
    }
  }

  func testAConfigFileSetsTuningKeys() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tuning-\(UUID().uuidString).toml").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "prompt_tuning = true\n[tuning]\ntuning_epochs = 1\n".write(toFile: path, atomically: true, encoding: .utf8)
    let file = try ConfigFile.load(path: path)
    var settings = SearchSettings()
    try file.apply(to: &settings)
    XCTAssertEqual(settings.tuning.epochs, 1)
  }
}
