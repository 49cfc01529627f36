import Sessions

/// Plays a recorded session: folds its events into a state at their recorded pace times a speed, with seeking.
public struct ReplayPlayer: Sendable {
  public let events: [LoggedEvent]
  /// Events applied so far.
  public private(set) var position = 0
  public private(set) var state = SessionState()
  /// Recorded seconds since the first event that the replay has reached.
  public private(set) var clock: Double = 0
  public var speed: Double
  public var paused = false

  public init(events: [LoggedEvent], speed: Double) {
    self.events = events
    self.speed = speed
  }

  var startTime: Double { events.first?.time ?? 0 }
  public var duration: Double { (events.last?.time ?? 0) - startTime }
  public var isFinished: Bool { position >= events.count }

  /// Seconds (recorded) from the start to event `index`.
  func offset(_ index: Int) -> Double { events[index].time - startTime }

  /// Advances by `wallSeconds` of real time (times the speed); returns the events applied.
  public mutating func advance(wallSeconds: Double) -> [LoggedEvent] {
    guard !paused, !isFinished else { return [] }
    clock += wallSeconds * speed
    var applied: [LoggedEvent] = []
    while position < events.count, offset(position) <= clock {
      applied.append(applyNext())
    }
    return applied
  }

  /// Wall-clock seconds until the next event is due (nil when paused or finished).
  public var secondsUntilNextEvent: Double? {
    guard !paused, !isFinished, speed > 0 else { return nil }
    return max(0, (offset(position) - clock) / speed)
  }

  private mutating func applyNext() -> LoggedEvent {
    let event = events[position]
    state.apply(event)
    position += 1
    clock = max(clock, offset(position - 1))
    return event
  }

  /// Moves to `target` events applied (refolding from the start when going back).
  public mutating func seek(to target: Int) {
    let clamped = min(max(0, target), events.count)
    if clamped < position {
      state = SessionState()
      position = 0
    }
    while position < clamped { _ = applyNext() }
    clock = position == 0 ? 0 : offset(position - 1)
  }

  /// Carries out a replay control from the UI.
  public mutating func control(_ control: ReplayControl) {
    switch control {
    case .togglePause: paused.toggle()
    case .step(let count):
      paused = true
      seek(to: position + count)
    case .scaleSpeed(let factor): speed = min(10_000, max(1.0 / 64, speed * factor))
    case .jumpRound(let direction):
      // A jump from the end stays where it lands (paused): playing on would replay straight back to the end.
      if isFinished { paused = true }
      let starts = events.indices.filter {
        if case .roundStarted = events[$0].event { return true } else { return false }
      }
      if direction > 0 {
        seek(to: (starts.first { $0 >= position }).map { $0 + 1 } ?? events.count)
      } else {
        // The start of the previous round: the last round start whose event is before the current position's round.
        let earlier = starts.filter { $0 + 1 < position }
        seek(to: earlier.last.map { $0 + 1 } ?? 0)
      }
    }
  }

  public var status: ReplayStatus {
    ReplayStatus(
      position: position, total: events.count, speed: speed, paused: paused, elapsed: min(clock, duration),
      duration: duration)
  }

  /// The recorded language-model replies up to the current position, as log lines.
  public func replyLog() -> [String] {
    var model = UIModel(mode: .replay)
    for event in events.prefix(position) { Self.appendReply(event, to: &model) }
    return model.logLines
  }

  /// Appends a proposal's recorded reply to a model's log.
  public static func appendReply(_ logged: LoggedEvent, to model: inout UIModel) {
    guard case .candidateProposed(let proposal) = logged.event, proposal.origin == .proposal else { return }
    var heading = "── \(proposal.id) · round \(proposal.round)"
    if let prompt = proposal.promptIndex { heading += " · prompt \(prompt + 1)" }
    if let sample = proposal.sampleIndex { heading += " sample \(sample + 1)" }
    model.appendLogHeading(heading)
    model.appendLog(proposal.rawText ?? proposal.code)
  }
}
