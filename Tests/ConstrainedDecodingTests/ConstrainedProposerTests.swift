import ArchLang
import ConstrainedDecoding
import Evolution
import LanguageModels
import ProcessTestSupport
import XCTest

final class ConstrainedProposerTests: XCTestCase {
  /// A proposer over the installed SmolLM2 (the test skips where it is not installed, and fails under CI).
  func installedSmolLM2Proposer() throws -> ConstrainedProposer {
    let path = try? ModelStore().resolve("smollm2")
    try Prerequisite.require(path != nil, "the default model is not installed (evoprompting models fetch smollm2)")
    guard let path else { throw XCTSkip("smollm2 is not installed") }
    let model = try EmbeddedLanguageModel(path: path, threadCount: ProcessInfo.processInfo.activeProcessorCount)
    return ConstrainedProposer(model: model)
  }

  func testLineVerifierRunsStatementsAndRejectsShapeErrors() {
    let verifier = LineVerifier()
    var checker = PrefixChecker()
    var source = ""
    var last: CommittedLine?
    let lines = [
      "import torch", "import torch.nn as nn", "class Model(nn.Module):", "    def __init__(self):",
      "        super().__init__()", "        self.fc = nn.Linear(40, 10)", "    def forward(self, x):",
    ]
    for line in lines {
      last = checker.commit(line)
      XCTAssertNotNil(last, line)
      source += line + "\n"
      XCTAssertEqual(verifier.verify(last!, source: source, forwardInput: checker.forwardInputs["Model"]), .accepted)
    }
    var wrong = checker
    let bad = wrong.commit("        h = self.fc(x.view(-1, 2, 20))")!
    guard case .rejected = verifier.verify(bad, source: source + bad.text + "\n", forwardInput: "x") else {
      return XCTFail("a shape error must be rejected")
    }
    let good = checker.commit("        return self.fc(x)")!
    let program = source + good.text + "\n"
    let fingerprint = CandidateCheck(exampleShape: [40], classCount: 10).run(program).functionFingerprint
    XCTAssertNotNil(fingerprint)
    XCTAssertEqual(verifier.verify(good, source: program, forwardInput: "x"), .finished(fingerprint: fingerprint))
  }

  /// Two short proposals with the real model, when it is installed.
  func testProposalsFromTheInstalledModelAreValidPrograms() throws {
    let proposer = try installedSmolLM2Proposer()
    let builder = PromptBuilder()
    let seeds = [SeedProgram.cnn, SeedProgram.mlp]
    let prompt = builder.prompt(
      parents: seeds.map {
        (code: $0.source, metrics: ParentMetrics(params: $0.parameterCount, validationAccuracy: 0.9))
      })
    for seed in [UInt64(1), 2] {
      let proposal = try proposer.propose(
        prompt: prompt, opening: builder.programOpening,
        parameters: SamplingParameters(temperature: 0.8, topP: 0.95, seed: seed, maxTokens: 400))
      XCTAssertTrue(proposal.code.hasPrefix(builder.programOpening))
      if proposal.finished {
        let report = CandidateCheck(exampleShape: [40], classCount: 10).run(proposal.code)
        XCTAssertNil(report.error, proposal.code)
      } else {
        // Every line kept so far was checked: the text is still a viable prefix.
        var checker = PrefixChecker()
        let lines = proposal.code.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines.dropLast() { XCTAssertNotNil(checker.commit(String(line)), String(line)) }
        XCTAssertTrue(checker.isViable(String(lines.last ?? "")))
      }
    }
  }

  /// A program that would finish as a copy of a `distinctFrom` program is rewritten from one of its layers: the
  /// same prompt and seed, asked to differ from what they first gave, give a different valid network.
  func testAProgramThatWouldCopyADistinctFromProgramIsRewritten() throws {
    let proposer = try installedSmolLM2Proposer()
    var rejections: [String] = []
    proposer.onRejection = { _, reason in rejections.append(reason) }
    let (builder, prompt, parameters) = Self.mlpAndCNNPrompt()
    let first = try proposer.propose(prompt: prompt, opening: builder.programOpening, parameters: parameters)
    let copied = try XCTUnwrap(first.functionFingerprint, "the first proposal did not finish: \(first.failure ?? "")")
    XCTAssertEqual(first.copiesRewritten, 0)
    let check = CandidateCheck(exampleShape: [40], classCount: 10)
    XCTAssertEqual(check.run(first.code).functionFingerprint, copied, "the decoder's fingerprint is the check's")

    let second = try proposer.propose(
      prompt: prompt, opening: builder.programOpening, parameters: parameters, distinctFrom: [copied: "c7"])
    XCTAssertGreaterThanOrEqual(second.copiesRewritten, 1)
    XCTAssertTrue(rejections.contains("computes what c7 computes"), "\(rejections)")
    XCTAssertTrue(second.finished, second.failure ?? "")
    let report = check.run(second.code)
    XCTAssertNil(report.error, second.code)
    XCTAssertNotEqual(report.functionFingerprint, copied, second.code)
    XCTAssertEqual(second.functionFingerprint, report.functionFingerprint)
  }

  /// `propose --model smollm2 --seed 8 --temperature 0.2`'s third prompt: mlp and cnn with their metrics. Its
  /// proposal finishes in one attempt (a 55,610-parameter network).
  static func mlpAndCNNPrompt() -> (PromptBuilder, String, SamplingParameters) {
    let builder = PromptBuilder()
    let prompt = builder.prompt(
      parents: [(SeedProgram.mlp, Float(0.68)), (SeedProgram.cnn, Float(0.92))].map {
        (code: $0.source, metrics: ParentMetrics(params: $0.parameterCount, validationAccuracy: $1))
      })
    return (builder, prompt, SamplingParameters(temperature: 0.2, topP: 0.95, seed: 2008, maxTokens: 768))
  }

  /// When no attempt finishes anything but a copy, the copy is the proposal, finished and with the copy's
  /// fingerprint: the search then records a copy of what the model repeats, not an unfinished program.
  func testWhenOnlyACopyFinishesTheCopyIsTheProposal() throws {
    let proposer = try installedSmolLM2Proposer()
    let (builder, prompt, parameters) = Self.mlpAndCNNPrompt()
    let first = try proposer.propose(prompt: prompt, opening: builder.programOpening, parameters: parameters)
    let copied = try XCTUnwrap(first.functionFingerprint, "the first proposal did not finish: \(first.failure ?? "")")
    // A budget that ends where the copy is finished: the rewrite has no token left.
    var tight = parameters
    tight.maxTokens = first.sampledTokens
    proposer.sampledTokenAllowance = 1
    let second = try proposer.propose(
      prompt: prompt, opening: builder.programOpening, parameters: tight, distinctFrom: [copied: "c7"])
    XCTAssertGreaterThanOrEqual(second.copiesRewritten, 1)
    XCTAssertTrue(second.finished, second.failure ?? "")
    XCTAssertNil(second.failure)
    XCTAssertEqual(second.functionFingerprint, copied)
    XCTAssertEqual(second.code, first.code)
    XCTAssertEqual(second.programTokens, first.programTokens)
  }
}
