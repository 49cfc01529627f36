import MemberwiseInit

/// How tokens are chosen and when generation stops.
@MemberwiseInit
public struct SamplingParameters: Sendable, Codable, Equatable {
  /// Softmax temperature; 0 or less means greedy (always the most likely token).
  public var temperature: Float = 0.8
  /// Keep only the `topK` most likely tokens (0: no limit).
  public var topK: Int = 0
  /// Keep the smallest set of most likely tokens whose probability reaches `topP` (1: no limit).
  public var topP: Float = 1
  /// Drop tokens less likely than `minP` times the most likely one (0: none).
  public var minP: Float = 0
  /// Divide positive logits (multiply negative ones) of recently seen tokens by this (1: off).
  public var repetitionPenalty: Float = 1
  /// How many most recent tokens (prompt included) the repetition penalty looks at.
  public var repetitionWindow: Int = 64
  /// Seed of the sampling stream; sample `i` of a request uses a stream derived from it.
  public var seed: UInt64 = 0
  /// Most tokens generated per sample.
  public var maxTokens: Int = 256
  /// Generation stops before any of these strings; the returned text excludes it.
  public var stopSequences: [String] = []
  /// Keep generating past end-of-sequence tokens.
  public var ignoreEndOfSequence: Bool = false

  /// The seed of sample `index` of a request seeded with `seed`: distinct per sample, the same on every call, and
  /// such that a request for samples `i...` seeded with `sampleSeed(seed, i)` draws what the samples `i...` of the
  /// whole request would have drawn (a resumed search asks only for the samples it has not received).
  public static func sampleSeed(_ seed: UInt64, sample index: Int) -> UInt64 {
    seed &+ UInt64(index) &* 0x9E37_79B9
  }

  /// Greedy decoding with `maxTokens` tokens.
  public static func greedy(maxTokens: Int = 256) -> SamplingParameters {
    SamplingParameters(temperature: 0, maxTokens: maxTokens)
  }
}
