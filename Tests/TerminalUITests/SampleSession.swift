import Foundation
import Sessions

/// A small deterministic session: three seeds, a first round with an evaluated child, a rejected and a
/// duplicate proposal, and a second round with one candidate training.
enum SampleSession {
  static let seedCode = """
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv1d(1, 25, 5, stride=2, padding=1)
            self.conv2 = nn.Conv1d(25, 25, 5, stride=2, padding=1)
            self.fc = nn.Linear(25, 10)

        def forward(self, x):
            x = F.relu(self.conv1(x))  # first block
            x = F.relu(self.conv2(x))
            return self.fc(x.mean(-1))
    """

  static let childCode = seedCode.replacingOccurrences(
    of: "self.conv2 = nn.Conv1d(25, 25, 5, stride=2, padding=1)",
    with: "self.conv2 = nn.Conv1d(25, 32, 3, stride=2, padding=1)"
  ).replacingOccurrences(of: "nn.Linear(25, 10)", with: "nn.Linear(32, 10)")

  static var events: [LoggedEvent] {
    var list: [SessionEvent] = [
      .runConfigured(
        RunConfigured(
          task: "mnist1d", languageModel: ["backend": "embedded", "model": "smollm2-135m"],
          settings: ["rounds": "3", "jobs": "2"], seed: 0))
    ]
    let seeds: [(String, String, Int, Float)] = [
      ("s1", "cnn", 5_200, 0.772), ("s2", "mlp", 15_200, 0.622), ("s3", "gru", 5_100, 0.802),
    ]
    for (id, name, params, accuracy) in seeds {
      list.append(
        .candidateProposed(CandidateProposed(id: id, round: 0, origin: .seed, parents: [], code: seedCode, name: name)))
      list.append(.proposalValidated(ProposalValidated(id: id, params: params, fingerprint: id)))
      list.append(.trainingStarted(id: id, attempt: 1))
      list.append(
        .trainingFinished(
          TrainingFinished(
            id: id, params: params, validationAccuracy: accuracy, testAccuracy: accuracy - 0.01, seconds: 3,
            millisecondsPerStep: 2)))
    }
    list += [
      .roundStarted(round: 1),
      .promptBuilt(
        PromptBuilt(round: 1, index: 0, parents: ["s3", "s1"], text: "prompt", temperature: 0.6, samples: 2)),
      .candidateProposed(
        CandidateProposed(
          id: "c1", round: 1, origin: .proposal, parents: ["s3", "s1"], code: childCode,
          rawText: "Here:\n```python\n" + childCode + "```",
          promptIndex: 0, sampleIndex: 0)),
      .proposalValidated(ProposalValidated(id: "c1", params: 6_400, fingerprint: "f1")),
      .candidateProposed(
        CandidateProposed(
          id: "c2", round: 1, origin: .proposal, parents: ["s3", "s1"], code: "class Net(", promptIndex: 0,
          sampleIndex: 1)),
      .proposalRejected(
        ProposalRejected(id: "c2", kind: .invalid, reason: "'(' was never closed", line: 1, column: 10)),
      .candidateProposed(
        CandidateProposed(id: "c3", round: 1, origin: .proposal, parents: ["s1", "s2"], code: seedCode)),
      .proposalRejected(ProposalRejected(id: "c3", kind: .duplicate, reason: "same program", duplicateOf: "s1")),
      .trainingStarted(id: "c1", attempt: 1),
      .trainingProgress(TrainingProgress(id: "c1", step: 150, steps: 300, trainLoss: 0.9, validationAccuracy: 0.7)),
      .trainingFinished(
        TrainingFinished(
          id: "c1", params: 6_400, validationAccuracy: 0.861, testAccuracy: 0.85, seconds: 4, millisecondsPerStep: 2)),
      .parentsSelected(ParentsSelected(round: 1, parents: ["c1", "s3"], retired: ["s2"])),
      .roundFinished(round: 1),
      .roundStarted(round: 2),
      .candidateProposed(
        CandidateProposed(
          id: "c4", round: 2, origin: .proposal, parents: ["c1", "s3"], code: childCode + "\n# wider\n")),
      .proposalValidated(ProposalValidated(id: "c4", params: 7_000, fingerprint: "f4")),
      .trainingStarted(id: "c4", attempt: 1),
      .trainingProgress(TrainingProgress(id: "c4", step: 183, steps: 300, trainLoss: 0.8, validationAccuracy: nil)),
    ]
    return list.enumerated().map {
      LoggedEvent(sequence: $0.offset + 1, time: 1_000 + Double($0.offset) * 2, event: $0.element)
    }
  }

  static var state: SessionState { SessionState(events: events) }
}
