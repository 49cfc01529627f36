import LanguageModels
import XCTest

final class SamplingTests: XCTestCase {
  let logits: [Float] = [1.0, 3.0, 2.5, -1.0, 0.5, 2.9]

  func testGreedyTakesTheArgmax() {
    var logits = logits
    var sampler = TokenSampler(parameters: .greedy(), seed: 1)
    XCTAssertEqual(sampler.sample(logits: &logits, history: []), 1)
    XCTAssertEqual(TokenSampler.argmax([0, 5, 5, 1]), 1)
  }

  func testTopKOfOneIsGreedy() {
    var sampler = TokenSampler(parameters: SamplingParameters(temperature: 5, topK: 1), seed: 9)
    for _ in 0..<50 {
      var copy = logits
      XCTAssertEqual(sampler.sample(logits: &copy, history: []), 1)
    }
  }

  func testTopPAndMinPRestrictTheCandidates() {
    var nucleus = TokenSampler(parameters: SamplingParameters(temperature: 1, topP: 0.5), seed: 2)
    var floor = TokenSampler(parameters: SamplingParameters(temperature: 1, minP: 0.6), seed: 2)
    var seenNucleus = Set<Int>()
    var seenFloor = Set<Int>()
    for _ in 0..<300 {
      var a = logits
      var b = logits
      seenNucleus.insert(nucleus.sample(logits: &a, history: []))
      seenFloor.insert(floor.sample(logits: &b, history: []))
    }
    // p ∝ e^logit: token 1 has 0.38 and token 5 0.35 of the mass; token 2 (0.23) only with min-p 0.6 (ratio 0.61).
    XCTAssertEqual(seenNucleus, [1, 5])
    XCTAssertEqual(seenFloor, [1, 2, 5])
  }

  func testSameSeedSameStream() {
    let parameters = SamplingParameters(temperature: 1.5, seed: 42)
    var a = TokenSampler(parameters: parameters, seed: 42)
    var b = TokenSampler(parameters: parameters, seed: 42)
    var drawsA: [Int] = []
    var drawsB: [Int] = []
    for _ in 0..<100 {
      var x = logits
      var y = logits
      drawsA.append(a.sample(logits: &x, history: []))
      drawsB.append(b.sample(logits: &y, history: []))
    }
    XCTAssertEqual(drawsA, drawsB)
    XCTAssertGreaterThan(Set(drawsA).count, 3)
  }

  func testRepetitionPenaltyDemotesSeenTokens() {
    var penalised = logits
    var sampler = TokenSampler(parameters: SamplingParameters(temperature: 0, repetitionPenalty: 2), seed: 0)
    XCTAssertEqual(sampler.sample(logits: &penalised, history: [1, 5, 3]), 2)
    XCTAssertEqual(penalised[1], 1.5)
    XCTAssertEqual(penalised[3], -2.0)
  }

  func testStreamDecoderNeverSplitsCharacters() {
    var decoder = UTF8StreamDecoder()
    let bytes = Array("a€🚀b".utf8)
    var pieces: [String] = []
    for byte in bytes { pieces.append(decoder.append([byte])) }
    pieces.append(decoder.finish())
    XCTAssertEqual(pieces.joined(), "a€🚀b")
    XCTAssertTrue(pieces.allSatisfy { !$0.contains("\u{FFFD}") })
    XCTAssertEqual(pieces.filter { !$0.isEmpty }, ["a", "€", "🚀", "b"])
  }
}
