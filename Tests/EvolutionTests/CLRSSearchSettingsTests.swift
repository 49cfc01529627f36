import Evolution
import Sessions
import Tasks
import XCTest

/// The CLRS tasks in the settings table, the prompt and extraction.
final class CLRSSearchSettingsTests: XCTestCase {
  func testTaskNamesCarryTheAlgorithm() throws {
    let task = try XCTUnwrap(TaskName(settingText: "clrs:articulation_points"))
    XCTAssertEqual(task.clrsAlgorithm, .articulationPoints)
    XCTAssertEqual(task.settingText, "clrs:articulation_points")
    XCTAssertEqual(TaskName(settingText: "clrs:mst_kruskal")?.clrsAlgorithm, .mstKruskal)
    XCTAssertEqual(TaskName(settingText: "clrs:graham_scan"), .clrs(.grahamScan))
    XCTAssertNil(TaskName(settingText: "mnist1d")?.clrsAlgorithm)
    for bad in ["clrs:", "clrs:quicksort", "clrs", "articulation_points", "CLRS:bfs"] {
      XCTAssertNil(TaskName(settingText: bad), bad)
    }
    XCTAssertEqual(TaskName.allNames.count, 1 + CLRSAlgorithm.allCases.count)
    XCTAssertTrue(TaskName.settingExpectation.contains("mst_kruskal"))
  }

  func testReadersNameTheTasksMetric() {
    XCTAssertEqual(TaskMetric.of(task: "clrs:articulation_points").validationTitle, "val score")
    XCTAssertEqual(TaskMetric.of(task: "clrs:articulation_points").testLabel, "test score")
    XCTAssertEqual(TaskMetric.of(task: "mnist1d").validationTitle, "val acc")
    XCTAssertEqual(TaskMetric.of(task: nil).name, "accuracy")
  }

  func testCLRSPresetsRoundTripThroughTheLog() throws {
    let task = TaskName.clrs(.articulationPoints)
    for preset in SearchPreset.allCases {
      let settings = preset.settings(for: task)
      XCTAssertEqual(try SearchSettings(recorded: settings.recorded), settings, preset.rawValue)
      XCTAssertEqual(settings.training.learningRate, 1e-3, preset.rawValue)
      XCTAssertEqual(settings.training.evaluationInterval, 50, preset.rawValue)
    }
    let paper = SearchPreset.paper.settings(for: task)
    XCTAssertEqual(paper.clrsNetwork, .paper)
    XCTAssertEqual(paper.training.steps, 2000)
    XCTAssertEqual(paper.training.batchSize, 32)
    let quick = SearchPreset.quick.settings(for: task)
    XCTAssertEqual(quick.clrsNetwork, .proxy)
    XCTAssertEqual(quick.recorded["clrs_network"], "proxy")
    XCTAssertEqual(SearchPreset.quick.settings(for: .mnist1d), SearchSettings.quick, "MNIST-1D is unchanged")
  }

  func testTheSessionLogDocumentsEverySetting() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("docs/session-log.md"), encoding: .utf8)
    for setting in SearchSettings.settings {
      XCTAssertTrue(text.contains("`\(setting.recordedKey)`"), "docs/session-log.md lacks \(setting.recordedKey)")
    }
    XCTAssertTrue(text.contains("`clrs:articulation_points`"))
  }

  func testJobsCarryTheCLRSNetworkAndTrainWithTheSearchSettings() throws {
    var job = EvaluationJob(
      id: "s1", code: "", task: "clrs:graham_scan",
      training: TrainingConfiguration(steps: 7, batchSize: 4, learningRate: 0.002, seed: 3, evaluationInterval: 2),
      memoryMegabytes: 1024, timeoutSeconds: 60, clrsNetwork: .proxy)
    let read = try EvaluationJob(workerInput: try job.workerInput())
    XCTAssertEqual(read, job)
    let settings = ProgramTraining.clrsSettings(for: read, algorithm: .grahamScan)
    XCTAssertEqual(settings.hidden, 32)
    XCTAssertEqual(settings.steps, 7)
    XCTAssertEqual(settings.data.batchSize, 4)
    XCTAssertEqual(settings.learningRate, 0.002)
    XCTAssertEqual(settings.evaluationInterval, 2)
    XCTAssertEqual(settings.seed, 3)
    job.clrsNetwork = nil
    XCTAssertEqual(ProgramTraining.clrsSettings(for: job, algorithm: .grahamScan).hidden, 128)
  }

  func testThePromptShowsParentsWithTheirScoreAndTheTarget() {
    let task = SearchTask.named(.clrs(.articulationPoints))
    XCTAssertEqual(task.seeds.count, 9)
    XCTAssertEqual(task.seeds.first?.name, "standard")
    let parents = [
      (code: task.seeds[0].source, metrics: ParentMetrics(params: 531_913, validationAccuracy: 0.9)),
      (code: task.seeds[7].source, metrics: ParentMetrics(params: 400_000, validationAccuracy: 0.5)),
    ]
    let prompt = task.promptBuilder.prompt(parents: parents)
    XCTAssertTrue(prompt.contains("CLRS articulation_points"), prompt)
    XCTAssertTrue(prompt.contains("parameters and validation score"), prompt)
    XCTAssertTrue(prompt.contains(#""""Metrics: {'num_params': 531913, 'val_score': 0.900}""""#), prompt)
    XCTAssertTrue(prompt.contains(#""""Metrics: {'num_params': 400000, 'val_score': 0.500}""""#), prompt)
    // The target: 90% of the smallest size, 102% of the best score.
    XCTAssertTrue(prompt.contains(#""""Metrics: {'num_params': 360000, 'val_score': 0.918}""""#), prompt)
    XCTAssertTrue(prompt.hasSuffix(task.promptBuilder.programOpening))
    XCTAssertFalse(prompt.contains("val_accuracy"))
    XCTAssertEqual(PromptBuilder.parentPrograms(inPrompt: prompt).count, 2)
  }

  func testExtractionKeepsTheTripletModuleAndItsHelpers() throws {
    let builder = SearchTask.named(.clrs(.mstKruskal)).promptBuilder
    let reply = """
      class TripletMessages(nn.Module):
          def __init__(self, hidden, nb_triplet_fts, out_size):
              super().__init__()
              self.node = Tiny(2 * hidden, out_size)

          def forward(self, z, edge_fts, graph_fts):
              n = z.shape[1]
              return self.node(z)[:, :, None, :].repeat(1, 1, n, 1)


      class Tiny(nn.Module):
          def __init__(self, i, o):
              super().__init__()
              self.fc = nn.Linear(i, o)

          def forward(self, x):
              return self.fc(x)


      class Unused(nn.Module):
          def forward(self, x):
              return x


      print("training...")
      """
    let extraction = CodeExtractor(
      programOpening: builder.programOpening, modelClassName: builder.modelClassName
    ).extraction(from: reply)
    let code = try XCTUnwrap(extraction.code, "\(String(describing: extraction.failure))")
    XCTAssertTrue(code.contains("class TripletMessages"))
    XCTAssertTrue(code.contains("class Tiny"))
    XCTAssertFalse(code.contains("class Unused"))
    XCTAssertFalse(code.contains("print("))
  }
}
