import Tasks

extension CLRSTrainingPreset: SettingValue {}

extension SearchSettings {
  /// A preset's settings for a CLRS task: children are triplet-message functions trained inside the Triplet-GMPNN
  /// with Adam at dm-clrs's learning rate (1e-3, gradients clipped at 1), the validation set scored every 50 steps
  /// as run.py does, at the batch size of the network's `clrs train` preset.
  ///
  /// - `paper`: the paper's CLRS search (Chen et al. 2023; CLRS.md section 0): Ibarz's network (H 128, batch 32,
  ///   sizes 4/7/11/13/16) trained 2,000 steps per child. About 8 s a step on two cores: a GPU-sized run.
  /// - `study`: the paper's method on the `proxy` network (H 32, batch 16, sizes 4/7/11, test n 32) at its 1,000
  ///   steps (articulation points scores 0 until about step 300 and is still jumping at 500: fewer steps cannot rank
  ///   children), two rounds of two prompts x two samples over four parents: nine seeds and eight children, about
  ///   two minutes each on a two-core laptop, a session in about 22 minutes (`sessions/clrs-articulation-points-study`
  ///   ran this budget). A study of two arms x two seeds takes about an hour and a half.
  /// - `quick`: `study` with the refuse-copies lever: constrained decoding rewrites a function that computes what an
  ///   earlier candidate computes. Without it, 5 of the 8 children of that recorded session computed what an earlier
  ///   candidate computed.
  ///
  /// Decoding is constrained to the triplet contract (`TaskName.programContract` in the command-line target).
  static func clrs(_ preset: SearchPreset) -> SearchSettings {
    let network: CLRSTrainingPreset = preset == .paper ? .paper : .proxy
    let reference = CLRSTrainingSettings.preset(network, algorithm: .articulationPoints)
    var settings = SearchSettings()
    settings.clrsNetwork = network
    settings.training = TrainingConfiguration(
      steps: preset == .paper ? 2000 : reference.steps, batchSize: reference.data.batchSize,
      learningRate: reference.learningRate, optimizer: .adam, seed: 0,
      evaluationInterval: reference.evaluationInterval)
    guard preset != .paper else { return settings }
    settings.tuning = SearchSettings.quick.tuning
    settings.parentCount = 4
    settings.rounds = 2
    settings.promptsPerRound = 2
    settings.samplesPerPrompt = 2
    settings.refuseCopies = preset == .quick
    return settings
  }
}
