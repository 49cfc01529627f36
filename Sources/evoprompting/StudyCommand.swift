import ArgumentParser
import Evolution
import Foundation
import Sessions

/// `evoprompting study`: the same budget through several arms and seeds, each an ordinary session, compared by the
/// Pareto front of (parameters, validation error) and its hypervolume.
struct StudyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "study",
    abstract: "Compare search arms (EvoPrompting, naive few-shot, ablations, novelty levers) over seeds.",
    discussion: """
      Every arm x seed runs as an ordinary session in <out>/<arm>-<seed>/ (resume, replay, report and the UI work \
      on it). Run the same command again and finished sessions are reused, unfinished ones resumed. A session does \
      not train again what a session of another arm with the same seed trained with the same settings (the seeds, \
      for one): training is deterministic, so it records that training's curve and result. All arms get \
      the same budget, counted in children proposed: rounds x prompts x samples (naive few-shot asks for all of \
      them in one round from the seeds). Then it writes <out>/study.json and <out>/study.svg and prints a table \
      and the plot: per session the children by outcome (proposed, valid, novel, trained, eligible), the best \
      eligible fitness, the hypervolume of the eligible front in log10(params) x validation error against the \
      reference point (10^6 parameters, error 1.0), the seeds' own hypervolume, and how many children dominate one \
      of their parents or a seed; then the means per arm.

      Arms: evoprompting, naive-fewshot, random-parents, no-tuning, each optionally with levers: +novelty-prompt \
      (the target line asks for a different model within a size range), +edit (a share of prompts rewrite one part \
      of one parent), +screen (train --screen-steps first, fully only above --screen-bar), +resample (replace exact \
      copies of earlier candidates by new samples), +refuse-copies (constrained decoding rewrites a program that \
      computes what an earlier candidate computes), +shrink (half the prompts ask for a small model of the Pareto \
      front at half its size). The paper's method is the default.

      --preset study (the default), for MNIST-1D: 3 rounds x 4 prompts x 2 samples (24 children), 4 parents, 1,500 \
      training steps, prompt tuning 2 epochs on 256 prompt tokens; one arm x seed usually takes about half an \
      hour on 2 cores with the embedded model, longer when a child is large. For a CLRS task: 2 rounds x 2 prompts \
      x 2 samples (8 children) on the proxy network, 1,000 steps each; one arm x seed takes about 22 minutes.
      """
  )

  @Option(help: "Task to search on.") var task = TaskName.mnist1d
  @Option(help: "Comma-separated arms, e.g. evoprompting,naive-fewshot,evoprompting+resample.")
  var arms = "evoprompting,naive-fewshot"
  @Option(help: "Comma-separated seeds, one session per arm and seed.") var seeds = "0,1,2"
  @Option(help: "Settings preset the arms start from.") var preset = SearchPreset.study
  @Option(help: "The study folder.") var out: String
  @Flag(help: "Only compare the sessions already in --out; run nothing.") var reportOnly = false
  @Flag(help: "Print one JSON object (progress goes to standard error).") var json = false
  @OptionGroup(title: "Search settings (each arm starts from these)") var search: SettingsFlags<SearchSettings>
  @OptionGroup(title: "Language model") var languageModel: SettingsFlags<LanguageModelSettings>

  func run() async throws {
    let plan = try makePlan()
    let options = {
      var options = LanguageModelSettings()
      languageModel.apply(to: &options)
      return options
    }()
    let task = self.task.name
    let taskName = self.task
    let json = self.json
    let runner = StudyRunner(
      plan: plan,
      makeComponents: { settings, directory, state in
        let backend = try SearchBackend.make(
          languageModel: options, settings: settings, promptBuilder: SearchTask.named(taskName).promptBuilder,
          contract: taskName.programContract, resumed: state.map { (directory, $0) })
        return try await SearchComponents.make(
          task: task, settings: settings, backend: backend, description: options.recorded, directory: directory,
          executorNotes: json ? nil : HeadlessPrinter.printLine)
      },
      observer: { arm, seed in
        if json { return nil }
        let printer = HeadlessPrinter(totalRounds: arm.settings(from: plan.settings, seed: seed).effectiveRounds)
        return { printer($0, $1) }
      })
    if !reportOnly {
      let finished = try await runner.run(
        drive: { try await SearchSignals.runInterruptibly($0) },
        announce: { arm, seed, what in
          let line = "study: \(arm)-\(seed) \(what) (\(plan.sessionDirectory(arm: arm, seed: seed).path))\n"
          FileHandle.standardError.write(Data(line.utf8))
        })
      if !finished {
        FileHandle.standardError.write(Data("study paused; run the same command again to continue\n".utf8))
      }
    }
    let report = try runner.report()
    try FileManager.default.createDirectory(at: plan.directory, withIntermediateDirectories: true)
    try report.prettyJSON.write(
      to: plan.directory.appendingPathComponent("study.json"), atomically: true, encoding: .utf8)
    let svg = plan.directory.appendingPathComponent("study.svg")
    try StudySVG.render(report).write(to: svg, atomically: true, encoding: .utf8)
    if json {
      print(report.json)
    } else {
      let color = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      print("\n" + report.table + "\n")
      print(StudyTerminalPlot.render(report, color: color))
      print("\nwrote \(plan.directory.appendingPathComponent("study.json").path) and \(svg.path)")
    }
  }

  /// The arms, seeds and settings as the flags give them.
  func makePlan() throws -> StudyPlan {
    var settings = preset.settings(for: task)
    search.apply(to: &settings)
    // A short training (`--steps 300`) still validates at its end and at least once before.
    settings.training.evaluationInterval = min(settings.training.evaluationInterval, settings.training.steps)
    let armList: [StudyArm]
    do {
      armList = try arms.split(separator: ",").map { try StudyArm(parsing: String($0)) }
    } catch { throw ValidationError("\(error)") }
    let seedList = try seeds.split(separator: ",").map { text -> UInt64 in
      guard let seed = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
        throw ValidationError("--seeds: '\(text)' is not a whole number")
      }
      return seed
    }
    guard !armList.isEmpty, !seedList.isEmpty else { throw ValidationError("give at least one arm and one seed") }
    return StudyPlan(
      task: task.name, arms: armList, seeds: seedList, settings: settings, directory: URL(fileURLWithPath: out))
  }
}
