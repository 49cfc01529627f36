import EvoTensor

/// Encode-process-decode with a Triplet-GMPNN processor, as dm-clrs 2.0.3's `nets.Net` runs it in Ibarz et al.'s
/// single-task setup (`encoded_decoded` hints, soft hint re-prediction, teacher forcing 0, one message-passing step
/// per hint step).
///
/// A batch with padded hint length T takes `max(1, T - 1)` processor steps from a zero hidden state. Step 0 encodes
/// the true hint 0; every later step encodes the previous step's hint predictions, post-processed "soft" (at training
/// time too: with teacher forcing 0 the reference never feeds true hints after step 0). Each sample's outputs are
/// those predicted at its last step (`length - 2`), then frozen, as `nets.py` freezes them.
///
/// Steps past every sample's length change neither an output nor a loss term, so they are not computed: the
/// reference pads every batch to the longest trajectory its sampler has seen and computes those steps anyway.
public final class CLRSNetwork {
  public let spec: CLRSAlgorithmSpec
  public let hidden: Int
  let layout: CLRSProbeLayout
  let encoders: CLRSEncoders
  let processor: CLRSProcessor
  let decoders: CLRSDecoders
  /// Whether training adds Gumbel noise to permutation logits before Sinkhorn (the reference does; tests that compare
  /// with a noiseless reference run switch it off).
  public var gumbelNoise = true

  /// Builds the network for `spec` with hidden size `hidden` around `triplet`; `seed` draws the initial weights of
  /// everything but the triplet function (which draws its own).
  public init(spec: CLRSAlgorithmSpec, hidden: Int, triplet: any CLRSTripletMessages, seed: UInt64) throws {
    self.spec = spec
    self.hidden = hidden
    layout = try CLRSProbeLayout(spec: spec, hidden: hidden)
    var generator = RandomSource(seed: seed)
    encoders = CLRSEncoders(layout: layout, using: &generator)
    processor = CLRSProcessor(hidden: hidden, triplet: triplet, using: &generator)
    decoders = CLRSDecoders(layout: layout, using: &generator)
  }

  /// Every trainable tensor: encoders, processor (the triplet function's last), decoders.
  public var parameters: [Tensor] { encoders.parameters + processor.parameters + decoders.parameters }

  /// The number of trainable scalars (531,913 for articulation points at H = 128 with the standard triplet function,
  /// as dm-clrs counts them).
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

  /// The training loss (`BaselineModel._loss`): every output's loss plus every hint's loss, each with weight 1.
  /// `generator` draws the Gumbel noise of permutation decoders.
  public func loss(on batch: CLRSBatch, using generator: inout RandomSource) throws -> Tensor {
    try run(batch, training: true, generator: &generator).loss!
  }

  /// Each output's logits as the model predicts them at evaluation time (no noise), in the spec's output order.
  public func outputLogits(_ batch: CLRSBatch) throws -> [Tensor] {
    var generator = RandomSource(seed: 0)
    return try Tensor.withoutGrad { try run(batch, training: false, generator: &generator).outputs }
  }

  /// Each output's hard prediction (`CLRSPostprocessing.hard`) in the layout of the truth arrays, in the spec's
  /// output order; batches larger than `chunkSize` are run in pieces (results do not depend on the split).
  public func predict(_ batch: CLRSBatch, chunkSize: Int = 32) throws -> [CLRSProbeArray] {
    let outputs = spec.outputs
    var values = outputs.map { _ in [Float]() }
    var start = 0
    while start < batch.batchSize {
      let end = Swift.min(start + Swift.max(chunkSize, 1), batch.batchSize)
      let part = start == 0 && end == batch.batchSize ? batch : batch.subbatch(samples: start..<end)
      for (index, logits) in try outputLogits(part).enumerated() {
        values[index] += CLRSPostprocessing.hard(logits, outputs[index])
      }
      start = end
    }
    return zip(outputs, zip(values, batch.outputs)).map { probe, pair in
      CLRSProbeArray(spec: probe, shape: pair.1.shape, values: pair.0)
    }
  }

  private struct RunResult {
    var loss: Tensor?
    var outputs: [Tensor]
  }

  private func run(_ batch: CLRSBatch, training: Bool, generator: inout RandomSource) throws -> RunResult {
    try check(batch)
    let (b, n) = (batch.batchSize, batch.nodeCount)
    let padded = Swift.max(batch.paddedHintLength, 1)
    let stepCount = Swift.max(1, padded - 1)
    let outputStep = batch.hintLengths.map { Swift.min(stepCount - 1, Swift.max(0, $0 - 2)) }
    let lastStep = Swift.min(stepCount - 1, Swift.max(0, (batch.hintLengths.max() ?? 1) - 2))
    let (probes, logitCount) = layout.logitsLayout(batchSize: b, nodeCount: n)
    let hintCount = spec.hints.count
    let base = encoders.encodeInputs(batch)
    var state = Tensor.zeros([b, n, hidden])
    var feed = CLRSHintFeed.truth(step: 0)
    var lossTerms: [Tensor] = []
    var outputsByStep: [[Int: Tensor]] = spec.outputs.map { _ in [:] }
    for step in 0...lastStep {
      let features = encoders.encodeHints(feed, base: base, batch: batch)
      let (next, triplets) = try processor(
        nodes: features[.node]!, edges: features[.edge]!, graph: features[.graph]!, hidden: state)
      var logits = decoders(
        nodes: features[.node]!, previous: state, next: next, edges: features[.edge]!, triplets: triplets,
        graph: features[.graph]!, probes: probes, logitCount: logitCount)
      for (index, probe) in probes.enumerated() where probe.spec.type == .permutationPointer {
        // decoders.py: Sinkhorn on the permutation logits, with Gumbel noise at training time only.
        let noisy =
          training && gumbelNoise
          ? CLRSPostprocessing.addingGumbelNoise(logits[index], using: &generator) : logits[index]
        logits[index] = CLRSPostprocessing.logSinkhorn(noisy, steps: 10, temperature: 0.1, zeroDiagonal: true)
      }
      if training && step + 1 < padded {
        lossTerms += hintLosses(logits: logits, probes: probes, batch: batch, step: step)
      }
      if outputStep.contains(step) {
        for index in 0..<spec.outputs.count { outputsByStep[index][step] = logits[hintCount + index] }
      }
      if step < lastStep {
        feed = .soft((0..<hintCount).map { CLRSPostprocessing.soft(logits[$0], probes[$0].spec) })
      }
      state = next
    }
    let outputs = outputsByStep.map { Self.gatherRows($0, stepOfSample: outputStep) }
    guard training else { return RunResult(loss: nil, outputs: outputs) }
    for (index, probe) in probes[hintCount...].enumerated() {
      let truth = batch.outputs[index].values[...]
      let weights = CLRSLossWeights.output(
        truth: truth, batchSize: b, type: probe.spec.type,
        entriesPerSample: CLRSLossWeights.entriesPerSample(logitsShape: probe.logitsShape, type: probe.spec.type))
      lossTerms.append(CLRSLosses.loss(outputs[index], truth: truth, type: probe.spec.type, sampleWeights: weights))
    }
    return RunResult(loss: Tensor.broadcastSum(lossTerms), outputs: outputs)
  }

  /// Each hint's loss for the predictions of `step` against the true hint `step + 1`.
  private func hintLosses(
    logits: [Tensor], probes: [CLRSProbeLayout.DecodedProbe], batch: CLRSBatch, step: Int
  ) -> [Tensor] {
    var terms: [Tensor] = []
    for (index, array) in batch.hints.enumerated() {
      let probe = probes[index]
      let entries = CLRSLossWeights.entriesPerSample(logitsShape: probe.logitsShape, type: probe.spec.type)
      let weights = CLRSLossWeights.hint(
        lengths: batch.hintLengths, paddedLength: array.shape[0], step: step, entriesPerSample: entries)
      guard weights.contains(where: { $0 > 0 }) else { continue }
      let perStep = array.values.count / array.shape[0]
      let truth = array.values[((step + 1) * perStep)..<((step + 2) * perStep)]
      terms.append(CLRSLosses.loss(logits[index], truth: truth, type: probe.spec.type, sampleWeights: weights))
    }
    return terms
  }

  /// One tensor whose sample `b` is sample `b` of `byStep[stepOfSample[b]]` (each sample's frozen output).
  static func gatherRows(_ byStep: [Int: Tensor], stepOfSample: [Int]) -> Tensor {
    let steps = byStep.keys.sorted()
    if steps.count == 1 { return byStep[steps[0]]! }
    let sources = steps.map { byStep[$0]!.contiguous() }
    let shape = sources[0].shape
    let perSample = sources[0].count / shape[0]
    let result = Tensor.uninitialized(shape)
    for (sample, step) in stepOfSample.enumerated() {
      let source = sources[steps.firstIndex(of: step)!]
      (result.basePointer + sample * perSample).update(from: source.basePointer + sample * perSample, count: perSample)
    }
    return result.differentiable(from: sources) { g in
      let gradient = g.contiguous()
      return steps.map { step in
        let part = Tensor.zeros(shape)
        for (sample, chosen) in stepOfSample.enumerated() where chosen == step {
          (part.basePointer + sample * perSample).update(
            from: gradient.basePointer + sample * perSample, count: perSample)
        }
        return part
      }
    }
  }

  /// Throws unless `batch` has this network's probes in the spec's order.
  private func check(_ batch: CLRSBatch) throws(CLRSModelError) {
    let names = { (arrays: [CLRSProbeArray]) in arrays.map(\.spec.name) }
    guard names(batch.inputs) == spec.inputs.map(\.name), names(batch.hints) == spec.hints.map(\.name),
      names(batch.outputs) == spec.outputs.map(\.name)
    else {
      throw .batchMismatch("its probes differ from the \(spec.name) spec")
    }
    guard batch.batchSize > 0, batch.nodeCount > 0, batch.hintLengths.count == batch.batchSize else {
      throw .batchMismatch("\(batch.batchSize) samples of \(batch.nodeCount) nodes, \(batch.hintLengths.count) lengths")
    }
  }
}
