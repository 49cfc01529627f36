import Foundation
import MemberwiseInit

/// A wall-time limit on a training run, judged by the pace so far: once a run has spent a small share of its limit,
/// its mean step time tells whether it can finish, and one that cannot stops then instead of at the limit.
///
/// A search's round waits for its slowest child, so a child that trains at a second per step (an 800-layer GRU)
/// held a whole study for 23 minutes before it failed; judged after 5% of a 600 s limit, it costs 30 s.
@MemberwiseInit
public struct TrainingTimeLimit: Sendable, Equatable {
  public var seconds: Double
  /// The share of the limit a run trains before its pace is judged: enough steps for a steady mean.
  public var judgedAfter: Double = 0.05

  /// The seconds the whole run of `steps` would take at the pace of its first `stepsDone`, when that is past the
  /// limit; nil while the run can still finish in time, or before its pace is judged.
  public func projectedOverrun(stepsDone: Int, of steps: Int, elapsed: Double) -> Double? {
    guard stepsDone > 0, elapsed >= seconds * judgedAfter else { return nil }
    let projected = elapsed / Double(stepsDone) * Double(steps)
    return projected > seconds ? projected : nil
  }

  /// The stop of a run of `steps` that has done `stepsDone` since `started` (uptime nanoseconds), if it cannot
  /// finish in time.
  public func stop(stepsDone: Int, of steps: Int, startedAt started: UInt64) -> Stop? {
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    return projectedOverrun(stepsDone: stepsDone, of: steps, elapsed: elapsed).map {
      Stop(step: stepsDone, seconds: elapsed, projectedSeconds: $0, limitSeconds: seconds)
    }
  }
}

extension TrainingTimeLimit {
  /// Where a run stopped because it could not finish within its time limit (thrown by trainers that throw).
  public struct Stop: Error, Sendable, Codable, Equatable {
    public var step: Int
    public var seconds: Double
    /// What the whole run would have taken at its pace.
    public var projectedSeconds: Double
    public var limitSeconds: Double

    /// Why the run stopped, in a sentence for a session log.
    public var reason: String {
      "too slow to train in time: after \(Int(seconds.rounded())) s and \(step) steps, all of them would take "
        + "about \(Int(projectedSeconds.rounded())) s, past the worker's limit of \(Int(limitSeconds.rounded())) s"
    }
  }
}
