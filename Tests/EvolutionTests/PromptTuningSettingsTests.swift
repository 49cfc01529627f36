import Evolution
import XCTest

/// Prompt-tuning's hyperparameters as search settings: the paper's by default, cheaper in the quick preset, recorded.
final class PromptTuningSettingsTests: XCTestCase {
  func testPaperDefaultsAndTheQuickPreset() {
    let paper = SearchSettings()
    XCTAssertTrue(paper.promptTuning)
    XCTAssertEqual(
      [
        paper.promptTuningLength, paper.promptTuningEpochs, paper.promptTuningBatchSize, paper.promptTuningPromptTokens,
      ],
      [16, 5, 16, 384])
    XCTAssertEqual(paper.promptTuningLearningRate, 0.1)
    let quick = SearchSettings.quick
    XCTAssertTrue(quick.promptTuning)
    XCTAssertEqual(quick.promptTuningEpochs, 2)
    XCTAssertEqual(quick.promptTuningPromptTokens, 256)
    XCTAssertEqual(quick.promptTuningLength, 16)
  }

  func testTuningSettingsAreRecordedAndApplied() throws {
    var settings = SearchSettings.quick
    try settings.apply([
      "tuning_length": "8", "tuning_epochs": "3", "tuning_batch_size": "4", "tuning_lr": "0.03",
      "tuning_prompt_tokens": "128",
    ])
    XCTAssertEqual(settings.promptTuningLength, 8)
    XCTAssertEqual(settings.promptTuningEpochs, 3)
    XCTAssertEqual(settings.promptTuningBatchSize, 4)
    XCTAssertEqual(settings.promptTuningLearningRate, 0.03)
    XCTAssertEqual(settings.promptTuningPromptTokens, 128)
    XCTAssertEqual(settings.dictionary["tuning_epochs"], "3")
    XCTAssertEqual(try SearchSettings(recorded: settings.dictionary), settings)
  }

  func testBadTuningValuesNameTheKey() {
    var settings = SearchSettings()
    for (key, value) in [("tuning_epochs", "0"), ("tuning_lr", "-1"), ("tuning_lr", "fast"), ("tuning_length", "x")] {
      XCTAssertThrowsError(try settings.apply([key: value]), "\(key) = \(value)") {
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
    try settings.apply(file.settings)
    XCTAssertEqual(settings.promptTuningEpochs, 1)
  }
}
