import Sessions

/// What one arm x seed session found, within the study's budget of children proposed.
public struct StudySessionResult: Sendable, Equatable, Codable {
  public var arm: String
  public var seed: UInt64
  /// The session folder.
  public var session: String
  public var finished: Bool
  /// Children by outcome (the first `budget` replies of the session; seeds are not children).
  public var proposed: Int
  /// Passed the check (copies included).
  public var valid: Int
  /// Valid and not an exact (normalised) copy of a parent or an earlier candidate.
  public var novel: Int
  /// Trained to the end.
  public var trained: Int
  /// Stopped by the short-training screen (novelty lever c).
  public var screenedOut: Int
  /// Trained, with validation error below alpha.
  public var eligible: Int
  /// The fittest eligible candidate (seeds included) and its fitness, -(parameters x validation error).
  public var best: String?
  public var bestFitness: Double?
  /// The Pareto front of the eligible candidates (seeds included) and its hypervolume.
  public var front: [ParetoPoint]
  public var hypervolume: Double
  /// The seeds as trained in this session, and the hypervolume of the eligible ones alone.
  public var seeds: [ParetoPoint]
  public var seedsHypervolume: Double
  /// Children that dominate one of their prompt's parents.
  public var dominatingAParent: Int
  /// Children that dominate one of the seeds.
  public var dominatingASeed: Int
  /// Seconds from the session's first event to its last.
  public var seconds: Double

  /// Reads the result off a session's state. `budget` is the number of children an arm may propose; `alpha` the
  /// eligibility bound.
  public init(arm: String, seed: UInt64, session: String, state: SessionState, budget: Int, alpha: Float) {
    self.arm = arm
    self.seed = seed
    self.session = session
    finished = state.finished
    let children = Array(state.orderedCandidates.filter { $0.origin == .proposal }.prefix(budget))
    let seeds = state.orderedCandidates.filter { $0.origin == .seed }
    let validStatuses: Set<CandidateStatus> = [.validated, .accepted, .training, .evaluated, .duplicate, .failed]
    proposed = children.count
    valid = children.filter { validStatuses.contains($0.status) }.count
    novel = children.filter { validStatuses.contains($0.status) && $0.status != .duplicate }.count
    trained = children.filter { $0.status == .evaluated }.count
    screenedOut = children.filter { $0.status == .failed && ($0.failure ?? "").hasPrefix("screened out") }.count
    func isEligible(_ point: ParetoPoint) -> Bool { point.validationError < Double(alpha) }
    let childPoints = children.compactMap(ParetoPoint.init)
    let seedPoints = seeds.compactMap(ParetoPoint.init)
    eligible = childPoints.filter(isEligible).count
    let eligiblePoints = (seedPoints + childPoints).filter(isEligible)
    front = ParetoFront.front(of: eligiblePoints)
    hypervolume = ParetoFront.hypervolume(of: eligiblePoints)
    self.seeds = seedPoints
    seedsHypervolume = ParetoFront.hypervolume(of: seedPoints.filter(isEligible))
    let best = state.best(among: seeds + children)
    self.best = best?.id
    bestFitness = best?.fitness
    let byID = Dictionary(uniqueKeysWithValues: (seedPoints + childPoints).map { ($0.id, $0) })
    dominatingAParent =
      children.filter { child in
        guard let point = byID[child.id] else { return false }
        return child.parents.contains { byID[$0].map(point.dominates) ?? false }
      }.count
    dominatingASeed = childPoints.filter { child in seedPoints.contains(where: child.dominates) }.count
    seconds = (state.lastEventTime ?? 0) - (state.firstEventTime ?? 0)
  }
}
