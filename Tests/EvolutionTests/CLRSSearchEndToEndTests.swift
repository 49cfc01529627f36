import Foundation
import HTTPTestSupport
import ProcessTestSupport
import Sessions
import XCTest

/// The real binary searching CLRS articulation points against a scripted OpenAI-compatible server: the nine seed
/// triplet functions and the children train in worker processes (a few steps of the proxy network), a child with
/// the wrong output shape is rejected by the task's contract, and the prompt is in the paper's CLRS format.
final class CLRSSearchEndToEndTests: XCTestCase {
  /// A child without triplets: z mapped to out_size, broadcast along a new node axis onto the mapped edges.
  static let tiledChild = """
    import torch
    import torch.nn as nn


    class TripletMessages(nn.Module):
        def __init__(self, hidden, nb_triplet_fts, out_size):
            super().__init__()
            self.node = nn.Linear(2 * hidden, out_size)
            self.edge = nn.Linear(hidden, out_size)

        def forward(self, z, edge_fts, graph_fts):
            return self.node(z)[:, :, None, :] + self.edge(edge_fts)
    """

  /// Returns [B, N, out_size]: one node axis short of the contract.
  static let wrongShapeChild = """
    import torch
    import torch.nn as nn


    class TripletMessages(nn.Module):
        def __init__(self, hidden, nb_triplet_fts, out_size):
            super().__init__()
            self.node = nn.Linear(2 * hidden, out_size)

        def forward(self, z, edge_fts, graph_fts):
            return self.node(z)
    """

  /// Chat replies that put each program in a ```python block, as chat models answer.
  static func chatReply(_ texts: [String]) -> String {
    EndToEndSearchTests.chatReply(texts.map { "```python\n\($0)\n```" })
  }

  var binary: String { BuiltBinary.path }

  func run(_ arguments: [String]) throws -> (status: Int32, output: String) { try BuiltBinary.run(arguments) }

  func testOneRoundOnArticulationPointsTrainsSeedsAndChildren() throws {
    try Prerequisite.require(
      FileManager.default.isExecutableFile(atPath: binary), "build the evoprompting binary first")
    let server = try ScriptedHTTPServer(lifetime: 900) { request, _ in
      guard request.path.hasSuffix("/chat/completions") else { return .respond(status: 404, body: "{}") }
      return .respond(
        status: 200, headers: ["Content-Type": "application/json"],
        body: Self.chatReply([Self.tiledChild, Self.wrongShapeChild]))
    }
    defer { server.stop() }
    let session = FileManager.default.temporaryDirectory.appendingPathComponent("evo-clrs-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: session) }

    let search = try run([
      "run", "--headless", "--task", "clrs:articulation_points", "--preset", "quick", "--lm", "openai", "--base-url",
      server.url("/v1"), "--model", "scripted", "--session", session.path, "--rounds", "1", "--prompts", "1",
      "--samples", "2", "--steps", "2", "--eval-interval", "1", "--jobs", "2", "--seed", "0",
    ])
    XCTAssertEqual(search.status, 0, search.output)

    let report = try run(["report", session.path, "--json"])
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
    XCTAssertEqual(json["task"] as? String, "clrs:articulation_points")
    XCTAssertEqual(json["finished"] as? Bool, true)
    let candidates = try XCTUnwrap(json["candidates"] as? [[String: Any]])
    func candidate(_ id: String) -> [String: Any] { candidates.first { $0["id"] as? String == id } ?? [:] }
    let seeds = candidates.filter { $0["origin"] as? String == "seed" }
    XCTAssertEqual(seeds.compactMap { $0["name"] as? String }.count, 9)
    for seed in seeds + [candidate("c1")] {
      XCTAssertEqual(seed["status"] as? String, "evaluated", "\(seed)")
      // The whole network's parameters: far more than any triplet function's own.
      XCTAssertGreaterThan(seed["params"] as? Int ?? 0, 10_000, "\(seed)")
      XCTAssertNotNil(seed["val_accuracy"] as? Double, "\(seed)")
      XCTAssertNotNil(seed["test_accuracy"] as? Double, "\(seed)")
    }
    XCTAssertEqual(candidate("c2")["status"] as? String, "rejected")
    let reason = candidate("c2")["reason"] as? String ?? ""
    XCTAssertTrue(reason.contains("[2, 5, 5, 16]"), reason)

    let prompt = try XCTUnwrap(server.requests.first?.json["messages"]?[1]?["content"]?.stringValue)
    XCTAssertTrue(prompt.contains("'val_score'"), prompt)
    XCTAssertTrue(prompt.contains("class TripletMessages(nn.Module)"), prompt)
  }
}
