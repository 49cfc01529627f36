import Foundation
import LanguageModels
import PromptTuning
import XCTest

/// The search loop's hook: trains, writes `soft-prompts/round-N.bin`, reports `PromptTuningFinished`.
final class SoftPromptTunerTests: XCTestCase {
  func testTuneWritesTheRoundsSoftPromptAndReportsTheLossCurve() async throws {
    var settings = PromptTuningSettings()
    settings.promptLength = 3
    settings.epochs = 2
    settings.batchSize = 4
    let tuner = try SoftPromptTuner(modelPath: try TuningFixtures.path("tiny_llama_f32.gguf"), settings: settings)
    XCTAssertNil(tuner.latestSoftPrompt)
    let session = FileManager.default.temporaryDirectory.appendingPathComponent("tuner-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: session) }
    let finished = try await tuner.tune(
      round: 2, examples: TuningFixtures.tinyPairs, sessionDirectory: session.path)
    let outcome = try XCTUnwrap(finished)
    XCTAssertEqual(outcome.round, 2)
    XCTAssertEqual(outcome.softPrompt, "soft-prompts/round-2.bin")
    XCTAssertEqual(outcome.lossCurve.count, 2 * 2)
    XCTAssertGreaterThan(outcome.seconds, 0)
    let saved = try SoftPromptFile.read(from: session.appendingPathComponent("soft-prompts/round-2.bin").path)
    XCTAssertEqual(saved.length, 3)
    XCTAssertEqual(saved, tuner.latestSoftPrompt)
  }

  func testEachTunedSoftPromptIsHandedToTheGenerator() async throws {
    /// Keeps what `onTuned` received.
    final class Received: @unchecked Sendable {
      let lock = NSLock()
      var softPrompts: [SoftPrompt] = []
    }
    var settings = PromptTuningSettings()
    settings.promptLength = 2
    settings.epochs = 1
    let received = Received()
    let tuner = try SoftPromptTuner(
      modelPath: try TuningFixtures.path("tiny_llama_f32.gguf"), settings: settings,
      onTuned: { softPrompt in received.lock.withLock { received.softPrompts.append(softPrompt) } })
    let session = FileManager.default.temporaryDirectory.appendingPathComponent("tuner-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: session) }
    _ = try await tuner.tune(round: 1, examples: TuningFixtures.tinyPairs, sessionDirectory: session.path)
    let handed = received.lock.withLock { received.softPrompts }
    XCTAssertEqual(handed.count, 1)
    XCTAssertEqual(handed.first, tuner.latestSoftPrompt)
    XCTAssertEqual(handed.first?.length, 2)
  }

  func testNothingToTrainOnGivesNil() async throws {
    let tuner = try SoftPromptTuner(modelPath: try TuningFixtures.path("tiny_llama_f32.gguf"))
    let result = try await tuner.tune(round: 1, examples: [("prompt", "")], sessionDirectory: "/nonexistent")
    XCTAssertNil(result)
  }
}
