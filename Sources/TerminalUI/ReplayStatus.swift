import MemberwiseInit

/// Where a replay stands, for the timeline.
@MemberwiseInit
public struct ReplayStatus: Sendable, Equatable {
  /// Events applied so far and in the recording.
  public var position: Int
  public var total: Int
  public var speed: Double
  public var paused: Bool
  /// Recorded seconds since the first event at the current position, and in the whole recording.
  public var elapsed: Double
  public var duration: Double

  /// The speed as the header and the timeline both write it: `100x`, `10x`, `2.5x`, `0.625x`, `0.0156x`.
  public var speedText: String { Self.speedText(speed) }

  public static func speedText(_ speed: Double) -> String {
    guard speed.isFinite, speed > 0 else { return "?x" }
    // Whole numbers from 10 on; below, three significant digits (halving 10 gives 5, 2.5, 1.25, 0.625, 0.3125).
    return speed >= 10 ? "\(Int(speed.rounded()))x" : String(format: "%.3gx", speed)
  }
}
