/// `clrs check-reference`: the Swift algorithms run on the inputs of reference files and compared, array by array,
/// with the hints and outputs that dm-clrs recorded.
public struct CLRSReferenceCheck: Sendable, Codable, Equatable {
  /// A hint or output array that differs (or whose hint length differs), with the first step that differs
  /// (nil for outputs and inputs).
  public struct Mismatch: Sendable, Codable, Equatable {
    public var file: String
    public var split: String
    public var instance: Int
    public var probe: String
    public var step: Int?
    public var detail: String
  }

  /// Hint and output arrays compared (per instance: one per hint probe and one per output probe).
  public var arrays = 0
  public var matched = 0
  public var mismatches: [Mismatch] = []
  /// Instances run.
  public var instances = 0
  /// Input arrays recomputed by the algorithms (`pos`, `adj`, …) and compared too.
  public var inputArrays = 0
  public var inputsMatched = 0
  /// run.py's views (`derived_run_py`) recomputed by `CLRSRunPyTransform` and compared.
  public var runPyArrays = 0
  public var runPyMatched = 0

  enum CodingKeys: String, CodingKey {
    case arrays, matched, mismatches, instances
    case inputArrays = "input_arrays"
    case inputsMatched = "inputs_matched"
    case runPyArrays = "run_py_arrays"
    case runPyMatched = "run_py_matched"
  }

  public init() {}

  /// Whether every compared array matched.
  public var passed: Bool {
    mismatches.isEmpty && matched == arrays && inputsMatched == inputArrays && runPyMatched == runPyArrays
  }

  /// Checks every instance of `file`.
  public static func check(_ file: CLRSReferenceFile) throws -> CLRSReferenceCheck {
    var result = CLRSReferenceCheck()
    for instance in file.instances {
      let trajectory = try file.algorithm.run(on: file.input(of: instance))
      result.compare(trajectory, with: instance, file: file.path)
    }
    return result
  }

  /// The totals of several checks.
  public mutating func add(_ other: CLRSReferenceCheck) {
    arrays += other.arrays
    matched += other.matched
    mismatches += other.mismatches
    instances += other.instances
    inputArrays += other.inputArrays
    inputsMatched += other.inputsMatched
    runPyArrays += other.runPyArrays
    runPyMatched += other.runPyMatched
  }

  mutating func compare(_ trajectory: CLRSTrajectory, with instance: CLRSReferenceFile.Instance, file: String) {
    instances += 1
    func mismatch(_ probe: String, _ step: Int?, _ detail: String) {
      mismatches.append(
        Mismatch(file: file, split: instance.split, instance: instance.index, probe: probe, step: step, detail: detail))
    }
    for probe in trajectory.algorithm.referenceProbes where probe.stage != .input {
      arrays += 1
      let ours = trajectory.array(probe.name, stage: probe.stage)!
      let reference = probe.stage == .hint ? instance.hints[probe.name] : instance.outputs[probe.name]
      guard let reference else {
        mismatch(probe.name, nil, "missing from the reference file")
        continue
      }
      if let (step, detail) = Self.difference(ours, reference, isHint: probe.stage == .hint) {
        mismatch(probe.name, step, detail)
      } else {
        matched += 1
      }
    }
    for ours in trajectory.inputs {
      guard let reference = instance.inputs[ours.spec.name] else { continue }
      inputArrays += 1
      if let (_, detail) = Self.difference(ours, reference, isHint: false) {
        mismatch(ours.spec.name, nil, "input: " + detail)
      } else {
        inputsMatched += 1
      }
    }
    let view = CLRSRunPyTransform.apply(to: trajectory)
    for (name, reference) in instance.runPyViews.sorted(by: { $0.key < $1.key }) {
      // The file names the permutation view `pred__permutation_pointer`; the transform keeps the name `pred`.
      let probe = name.hasSuffix("__permutation_pointer") ? String(name.dropLast(21)) : name
      guard let ours = view.allArrays.first(where: { $0.spec.name == probe }) else { continue }
      runPyArrays += 1
      if let (_, detail) = Self.difference(ours, reference, isHint: false) {
        mismatch(name, nil, "run.py view: " + detail)
      } else {
        runPyMatched += 1
      }
    }
  }

  /// Where `ours` and `reference` first differ: the step (hints) and a description, or nil when they agree.
  /// Floats in reference files carry 6 decimals and our inputs are those rounded values, so scalars agree to 2e-5
  /// (relative above 1); every other type must be equal.
  static func difference(_ ours: CLRSProbeArray, _ reference: CLRSReferenceFile.Array, isHint: Bool)
    -> (Int?, String)?
  {
    let tolerance = ours.spec.type == .scalar ? 2e-5 : 1e-9
    let perStep = ours.elementsPerStep
    let ourSteps = isHint ? ours.shape[0] : 1
    let referenceSteps = isHint ? reference.shape.first ?? 0 : 1
    guard reference.values.count == referenceSteps * perStep else {
      return (nil, "shape \(reference.shape) in the reference, \(ours.shape) here")
    }
    for step in 0..<min(ourSteps, referenceSteps) {
      for k in 0..<perStep {
        let a = Double(ours.values[step * perStep + k])
        let b = reference.values[step * perStep + k]
        if abs(a - b) > tolerance * max(1, abs(b)) {
          return (isHint ? step : nil, "element \(k): \(a) here, \(b) in the reference")
        }
      }
    }
    if ourSteps != referenceSteps {
      return (min(ourSteps, referenceSteps), "hint length \(ourSteps) here, \(referenceSteps) in the reference")
    }
    return nil
  }
}
