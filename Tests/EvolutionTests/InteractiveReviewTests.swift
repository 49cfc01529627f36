import ArchLang
import Evolution
import Foundation
import Sessions
import XCTest

/// Manual review through the queue a front end drives: accept, reject with a reason, and edit.
final class InteractiveReviewTests: XCTestCase {
  func testManualReviewAcceptsRejectsAndEdits() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evo-review-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    var settings = SearchSettings()
    settings.parentCount = 2
    settings.rounds = 1
    settings.promptsPerRound = 1
    settings.samplesPerPrompt = 3
    settings.review = .manual
    settings.training.steps = 10
    let replies = (0..<3).map { "class M\($0)(nn.Module):\n    pass  # params \(100 + $0) acc 0.9\n" }
    let queue = InteractiveReviewQueue()
    let executor = CommentExecutor()
    let components = SearchRun.Components(
      task: "mnist1d",
      seeds: [
        SeedProgram(
          name: "seed", parameterCount: 1, source: "class Model(nn.Module):\n    pass  # params 900 acc 0.8\n")
      ],
      languageModel: ScriptedLanguageModel(replies: replies), languageModelDescription: ["backend": "scripted"],
      validator: CommentValidator(), executor: executor, reviewGate: queue)
    let run = try SearchRun.start(directory: folder, settings: settings, components: components)
    let search = Task { try await run.run() }

    // The researcher sees three proposals and answers them.
    let pending = await queue.waitForPending(3)
    XCTAssertEqual(pending.map(\.id), ["c1", "c2", "c3"])
    XCTAssertEqual(executor.evaluated.withLock { $0 }, ["s1"], "nothing is trained before review")
    // A hand edit of the seed while the round waits for review: a new candidate whose parent is the seed.
    let editID = try await run.submitHandEdit(
      of: "s1", code: "class Tweaked(nn.Module):\n    pass  # params 300 acc 0.85\n")
    XCTAssertEqual(editID, "c4")
    await queue.submit([ReviewDecided(id: "c1", decision: .accepted)])
    let remaining = await queue.pending.map(\.id)
    XCTAssertEqual(remaining, ["c2", "c3"])
    await queue.submit([
      ReviewDecided(id: "c2", decision: .rejected, note: "too large"),
      ReviewDecided(id: "c3", decision: .edited, code: "class Edited(nn.Module):\n    pass  # params 50 acc 0.95\n"),
    ])
    try await search.value

    let state = await run.state
    XCTAssertEqual(state.candidates["c1"]?.status, .evaluated)
    XCTAssertEqual(state.candidates["c2"]?.status, .rejected)
    XCTAssertEqual(state.candidates["c2"]?.rejection?.kind, .review)
    XCTAssertEqual(state.candidates["c3"]?.status, .evaluated)
    XCTAssertTrue(state.candidates["c3"]?.edited ?? false)
    XCTAssertEqual(state.candidates["c3"]?.params, 50, "the edited program is the one trained")
    XCTAssertEqual(
      SessionReport(state: state).candidates.first { $0.id == "c2" }?.reason, "rejected in review: too large")
    XCTAssertEqual(state.candidates["c4"]?.status, .evaluated)
    XCTAssertEqual(state.candidates["c4"]?.parents, ["s1"])
    XCTAssertEqual(state.candidates["c4"]?.origin, .edit)
    XCTAssertTrue(state.candidates["c4"]?.edited ?? false)
  }
}
