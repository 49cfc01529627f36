import ArchLang
import Evolution
import Foundation
import XCTest

/// Real replies of Qwen2.5-Coder-0.5B-Instruct (llama.cpp) to the search's own prompts, raw continuations and chat
/// answers (`scripts/make_reply_corpus.py`): at least 75% become valid programs, and every rejection says why.
final class ReplyCorpusTests: XCTestCase {
  struct Manifest: Decodable {
    struct Reply: Decodable {
      var stem: String
      var format: String
      var temperature: Double
    }
    var model: String
    var replies: [Reply]
  }

  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/replies")

  func testMostRealRepliesBecomeValidProgramsAndEveryRejectionNamesItsReason() throws {
    let manifest = try JSONDecoder().decode(
      Manifest.self, from: Data(contentsOf: Self.folder.appendingPathComponent("manifest.json")))
    XCTAssertGreaterThanOrEqual(manifest.replies.count, 24)
    XCTAssertEqual(Set(manifest.replies.map(\.format)), ["raw", "chat"])
    XCTAssertEqual(manifest.replies.map(\.temperature).min(), 0.2)
    XCTAssertEqual(manifest.replies.map(\.temperature).max(), 1.0)
    let check = CandidateCheck(exampleShape: [40], classCount: 10)
    var valid = 0
    var carried = 0
    var copies = 0
    var repaired = 0
    var summary: [String] = []
    for reply in manifest.replies {
      let prompt = try String(
        contentsOf: Self.folder.appendingPathComponent("\(reply.stem).prompt.txt"), encoding: .utf8)
      let text = try String(contentsOf: Self.folder.appendingPathComponent("\(reply.stem).reply.txt"), encoding: .utf8)
      let report = ExtractionReport(
        reply: text, prompt: prompt, programOpening: PromptBuilder().programOpening, check: check)
      var copyOf: Int?
      if report.ok {
        valid += 1
        XCTAssertNotNil(report.params)
        let fingerprint = report.code.flatMap(ArchLangValidator.noveltyFingerprint(of:))
        copyOf = PromptBuilder.parentPrograms(inPrompt: prompt).firstIndex {
          ArchLangValidator.noveltyFingerprint(of: $0) == fingerprint
        }
        if copyOf != nil { copies += 1 }
      } else {
        let error = try XCTUnwrap(report.error, "\(reply.stem): rejected without a reason")
        XCTAssertFalse(error.message.isEmpty, reply.stem)
        if error.stage == "check" { XCTAssertNotNil(error.line, "\(reply.stem): a check error has a location") }
      }
      if !report.carried.isEmpty { carried += 1 }
      if report.ok && !report.repairs.isEmpty { repaired += 1 }
      summary.append(
        "\(reply.stem) T=\(reply.temperature): "
          + (report.ok ? "valid, \(report.params ?? 0) params" : "rejected: \(report.error?.description ?? "")")
          + (copyOf.map { ", an exact copy of parent \($0 + 1)" } ?? "")
          + (report.carried.isEmpty ? "" : " (carried \(report.carried.map(\.name).joined(separator: ", ")))")
          + (report.repairs.isEmpty ? "" : " (repaired \(report.repairs.map(\.description).joined(separator: "; ")))")
          + " dropped \(report.dropped.count)")
    }
    let fraction = Double(valid) / Double(manifest.replies.count)
    print(
      "reply corpus (\(manifest.model)): \(valid)/\(manifest.replies.count) valid, \(copies) of them exact copies of a "
        + "parent, \(carried) with carried helpers, \(repaired) valid after an input-size repair")
    print(summary.joined(separator: "\n"))
    // Issue 13 asks for 75%: 19 of these 24 pass (79%), 3 of them (03, 04, 23: a read-out built for another width
    // than its input has) after the check's input-size repair. The 5 rejections are the model's own errors, each
    // named: 2-D/3-D convolutions (07, 08), a class with no forward (06), training code with no model (05), and
    // F.relu of a module (15).
    XCTAssertGreaterThanOrEqual(fraction, 0.75, summary.joined(separator: "\n"))
    XCTAssertEqual(repaired, 3, summary.joined(separator: "\n"))
  }
}
