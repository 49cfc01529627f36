import Foundation

/// A seeded pseudo-random generator (xoshiro256**): the same seed gives the same stream on every machine.
///
/// Initialisation, dropout and data shuffling all draw from one of these, so a training run is a pure function
/// of its seed.
public struct RandomSource: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64
  /// A second normal deviate left over from the last Box-Muller pair.
  private var spareNormal: Float?

  /// Creates a generator whose whole stream is determined by `seed`.
  public init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  @inline(__always)
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// A uniform value in `[0, 1)` with 24 random bits.
  @inline(__always)
  public mutating func nextUnitFloat() -> Float {
    Float(next() >> 40) * (1.0 / 16_777_216.0)
  }

  /// A uniform value in `[low, high)`.
  @inline(__always)
  public mutating func uniform(_ low: Float, _ high: Float) -> Float {
    low + (high - low) * nextUnitFloat()
  }

  /// A standard normal deviate (Box-Muller in double precision, pairs cached).
  public mutating func normal() -> Float {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    var u1 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    if u1 < 1e-300 { u1 = 1e-300 }
    let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    let radius = (-2.0 * log(u1)).squareRoot()
    let angle = 2.0 * Double.pi * u2
    spareNormal = Float(radius * sin(angle))
    return Float(radius * cos(angle))
  }

  /// A uniform integer in `0..<bound`.
  @inline(__always)
  public mutating func nextInt(below bound: Int) -> Int {
    Int(next(upperBound: UInt64(bound)))
  }

  /// A generator for an independent sub-stream, e.g. one per worker, derived from this one.
  public mutating func fork() -> RandomSource {
    RandomSource(seed: next())
  }
}
