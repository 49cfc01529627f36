/// Where a replay stands, for the timeline.
public struct ReplayStatus: Sendable, Equatable {
  /// Events applied so far and in the recording.
  public var position: Int
  public var total: Int
  public var speed: Double
  public var paused: Bool
  /// Recorded seconds since the first event at the current position, and in the whole recording.
  public var elapsed: Double
  public var duration: Double

  public init(position: Int, total: Int, speed: Double, paused: Bool, elapsed: Double, duration: Double) {
    self.position = position
    self.total = total
    self.speed = speed
    self.paused = paused
    self.elapsed = elapsed
    self.duration = duration
  }
}
