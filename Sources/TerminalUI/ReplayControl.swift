/// A request to the replay player.
public enum ReplayControl: Sendable, Equatable {
  case togglePause
  /// Move by this many events (negative steps back).
  case step(Int)
  /// Multiply the speed.
  case scaleSpeed(Double)
  /// Jump to the start of the next (+1) or previous (-1) round.
  case jumpRound(Int)
}
