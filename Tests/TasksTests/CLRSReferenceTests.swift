import Foundation
import Tasks
import XCTest

/// The Swift algorithms against trajectories recorded by dm-clrs 2.0.3's samplers (Fixtures/clrs, made by
/// scripts/make_clrs_reference.py).
final class CLRSReferenceTests: XCTestCase {
  static func referencePaths(_ folder: String) throws -> [String] {
    let directory = FixtureLocation.path(folder)
    return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
      .map { (directory as NSString).appendingPathComponent($0) }
  }

  func testAllSevenHundredFiftyArraysOfTheShippedReferenceMatch() throws {
    let paths = try Self.referencePaths("clrs").filter {
      CLRSAlgorithm(name: (($0 as NSString).lastPathComponent as NSString).deletingPathExtension) != nil
    }
    XCTAssertEqual(paths.count, 10)
    var total = CLRSReferenceCheck()
    for path in paths {
      let file = try CLRSReferenceFile(path: path)
      XCTAssertEqual(file.instances.count, 10, path)
      let check = try CLRSReferenceCheck.check(file)
      XCTAssertEqual(check.mismatches, [], path)
      total.add(check)
    }
    XCTAssertEqual(total.arrays, 750)
    XCTAssertEqual(total.matched, 750)
    XCTAssertEqual(total.instances, 100)
    XCTAssertEqual(total.inputsMatched, total.inputArrays)
    XCTAssertEqual(total.runPyArrays, 30, "insertion sort's permutation and mask, activity selector's pred")
    XCTAssertEqual(total.runPyMatched, 30)
    XCTAssertTrue(total.passed)
  }

  /// Files made with other seeds and sizes (n = 7 and 10) and run.py's p ranges.
  func testReferenceFilesAtOtherSeedsAndSizesMatch() throws {
    let paths = try Self.referencePaths("clrs/extra")
    XCTAssertEqual(paths.count, 10)
    var total = CLRSReferenceCheck()
    for path in paths { total.add(try CLRSReferenceCheck.check(CLRSReferenceFile(path: path))) }
    XCTAssertEqual(total.mismatches, [])
    XCTAssertEqual(total.instances, 60)
    XCTAssertEqual(total.matched, total.arrays)
    XCTAssertTrue(total.passed)
  }

  /// The spec tables are specs.py's, in its order: compared with the `spec` that each reference file records.
  func testSpecTablesEqualTheReferenceFilesSpecs() throws {
    for algorithm in CLRSAlgorithm.allCases {
      // The small files of extra/ record the same spec as the big ones and parse faster.
      let path = FixtureLocation.path("clrs/extra/\(algorithm.name)_ibarz_s5.json")
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      let spec = try XCTUnwrap(
        (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["spec"] as? [String: [String]])
      let ours = algorithm.referenceProbes
      XCTAssertEqual(Set(spec.keys), Set(ours.map(\.name)), algorithm.name)
      for probe in ours {
        XCTAssertEqual(
          spec[probe.name], [probe.stage.rawValue, probe.location.rawValue, probe.kind.rawValue], probe.name)
      }
      // JSONSerialization loses the key order: the order is checked through the reference's hint order instead.
      let instance = try CLRSReferenceFile(path: path).instances[0]
      XCTAssertEqual(Set(instance.hints.keys), Set(ours.filter { $0.stage == .hint }.map(\.name)))
    }
  }

  func testRunPyTransformsTheSpecs() {
    let sort = CLRSAlgorithmSpec.insertionSort
    XCTAssertEqual(sort.outputs.map(\.name), ["pred", "pred_mask"])
    XCTAssertEqual(sort.outputs.map(\.type), [.permutationPointer, .maskOne])
    XCTAssertEqual(sort.hints.map(\.name), ["pred_h", "i", "j"])
    let activities = CLRSAlgorithmSpec.activitySelector
    XCTAssertEqual(activities.inputs.map(\.name), ["pos", "s", "f", "pred"])
    XCTAssertEqual(activities.inputs.last?.type, .pointer)
    XCTAssertEqual(activities.hints.map(\.name), ["selected_h", "m", "k"])
    XCTAssertEqual(CLRSAlgorithmSpec.articulationPoints.probe(named: "color")?.categoryCount, 3)
    XCTAssertEqual(CLRSAlgorithmSpec.grahamScan.probe(named: "phase")?.categoryCount, 5)
    XCTAssertEqual(CLRSAlgorithmSpec.mstKruskal.probe(named: "phase")?.location, .graph)
    XCTAssertEqual(CLRSAlgorithmSpec.named("bfs")?.outputs.map(\.name), ["pi"])
    XCTAssertNil(CLRSAlgorithmSpec.named("heapsort"))
    XCTAssertEqual(CLRSAlgorithmSpec.all.count, 10)
    XCTAssertEqual(CLRSAlgorithmSpec.articulationPoints.probes.count, 17)
  }

  func testAChangedReferenceArrayIsReportedWithItsProbeAndStep() throws {
    var file = try CLRSReferenceFile(path: FixtureLocation.path("clrs/bfs.json"))
    file.instances = [file.instances[0]]
    var hint = file.instances[0].hints["reach_h"]!
    hint.values[hint.values.count - 1] = 1 - hint.values[hint.values.count - 1]
    file.instances[0].hints["reach_h"] = hint
    file.instances[0].outputs["pi"]!.values[0] += 1
    let check = try CLRSReferenceCheck.check(file)
    XCTAssertEqual(check.arrays, 3)
    XCTAssertEqual(check.matched, 1)
    // In specs.py's order: the output `pi` comes before the hints.
    XCTAssertEqual(check.mismatches.map(\.probe), ["pi", "reach_h"])
    XCTAssertNil(check.mismatches[0].step)
    XCTAssertEqual(check.mismatches[1].step, file.instances[0].hintLength - 1)
    XCTAssertFalse(check.passed)
  }

  func testAMalformedFileIsAnErrorWithItsPlace() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clrs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let cases: [(String, String)] = [
      ("not json", "file is not a JSON object"),
      (#"{"algorithm": "heapsort", "splits": {}}"#, "algorithm 'heapsort' is not one of"),
      (
        #"{"algorithm": "bfs", "splits": {"a": {"instances": [{"hint_length_T": 2}]}}}"#,
        "instances[0].inputs is missing"
      ),
      (
        #"{"algorithm": "bfs", "splits": {"a": {"instances": [{"hint_length_T": 2, "inputs": {"A": {"shape": [2, 2], "data": [1, 2]}}, "hints": {}, "outputs": {}}]}}}"#,
        "inputs.A data does not fill shape [2, 2]"
      ),
    ]
    for (index, (text, expected)) in cases.enumerated() {
      let path = directory.appendingPathComponent("\(index).json").path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      XCTAssertThrowsError(try CLRSReferenceFile(path: path)) { error in
        XCTAssertTrue("\(error)".contains(expected), "\(error)")
        XCTAssertTrue("\(error)".hasPrefix(path), "\(error)")
      }
    }
  }
}
