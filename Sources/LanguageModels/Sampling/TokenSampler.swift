import Foundation
import Randomness

/// Picks the next token from logits: repetition penalty, then greedy or temperature / top-k / top-p / min-p.
public struct TokenSampler: Sendable {
  /// The sampling rules.
  public let parameters: SamplingParameters
  private var random: RandomSource

  /// A sampler drawing from a stream seeded by `seed`.
  public init(parameters: SamplingParameters, seed: UInt64) {
    self.parameters = parameters
    random = RandomSource(seed: seed)
  }

  /// The index of the largest value (the first one on ties).
  public static func argmax(_ values: [Float]) -> Int {
    values.withUnsafeBufferPointer { v in
      var best = 0
      for i in 1..<v.count where v[i] > v[best] { best = i }
      return best
    }
  }

  /// Chooses a token; `logits` is modified in place by the penalty. `history` is every token so far.
  public mutating func sample(logits: inout [Float], history: [Int]) -> Int {
    let p = parameters
    if p.repetitionPenalty != 1 {
      for token in Set(history.suffix(p.repetitionWindow)) where token >= 0 && token < logits.count {
        let value = logits[token]
        logits[token] = value > 0 ? value / p.repetitionPenalty : value * p.repetitionPenalty
      }
    }
    if p.temperature <= 0 { return TokenSampler.argmax(logits) }
    let maximum = logits.max() ?? 0
    guard maximum > -Float.infinity else { return 0 }
    // Tokens more than 40 nats (scaled) below the best have probability under 1e-17: leave them out up front.
    let floor = maximum - 40 * p.temperature
    var candidates: [(token: Int, weight: Float)] = []
    logits.withUnsafeBufferPointer { l in
      for i in 0..<l.count where l[i] >= floor {
        candidates.append((i, l[i]))
      }
    }
    candidates.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.token < $1.token) }
    if p.topK > 0, candidates.count > p.topK { candidates.removeSubrange(p.topK...) }
    var total: Float = 0
    for i in candidates.indices {
      let weight = exp((candidates[i].weight - maximum) / p.temperature)
      candidates[i].weight = weight
      total += weight
    }
    if p.topP < 1 {
      var cumulative: Float = 0
      var keep = candidates.count
      for i in candidates.indices {
        cumulative += candidates[i].weight / total
        if cumulative >= p.topP {
          keep = i + 1
          break
        }
      }
      candidates.removeSubrange(keep...)
    }
    if p.minP > 0, let best = candidates.first?.weight {
      candidates.removeAll { $0.weight < p.minP * best }
    }
    total = candidates.reduce(0) { $0 + $1.weight }
    var target = random.nextUnitFloat() * total
    for candidate in candidates {
      target -= candidate.weight
      if target < 0 { return candidate.token }
    }
    return candidates.last?.token ?? TokenSampler.argmax(logits)
  }
}
