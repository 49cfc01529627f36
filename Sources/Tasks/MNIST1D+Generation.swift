import EvoTensor

extension MNIST1D {
  /// Generates MNIST-1D by the procedure of the `mnist1d` package (`make_dataset`), drawing from `RandomSource(seed:)`.
  ///
  /// Each example is a whitened digit template that is padded with zeros, stretched, scaled, rotated,
  /// given smoothed noise where the padding was, white noise everywhere, a linear shear, and resampled to
  /// `finalSequenceLength` values. The examples (equal counts per class) are then shuffled, standardised with the
  /// mean and standard deviation of the whole set, and split. numpy's random stream is not reproduced, so the
  /// values differ from the package's, but their distribution is the same.
  public static func generate(seed: UInt64 = 42, configuration: MNIST1DConfiguration = .standard) -> MNIST1D {
    var random = RandomSource(seed: seed)
    let templates = MNIST1DTemplates.whitened
    let length = configuration.finalSequenceLength
    let perClass = configuration.numSamples / templates.count
    let total = perClass * templates.count

    var signals = [Double]()
    signals.reserveCapacity(total * length)
    var labels = [Int32]()
    labels.reserveCapacity(total)
    for (label, template) in templates.enumerated() {
      for _ in 0..<perClass {
        signals += transform(template, configuration: configuration, random: &random)
        labels.append(Int32(label))
      }
    }

    // Shuffle the examples (a Fisher-Yates permutation, as np.random.permutation gives).
    var order = Array(0..<total)
    for index in stride(from: total - 1, to: 0, by: -1) {
      order.swapAt(index, random.nextInt(below: index + 1))
    }

    // Standardise with the population statistics of the whole set, in double precision as numpy does.
    let count = Double(signals.count)
    let mean = signals.reduce(0, +) / count
    let variance = signals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
    let std = variance.squareRoot()

    var inputs = [Float](repeating: 0, count: total * length)
    var shuffledLabels = [Int32](repeating: 0, count: total)
    signals.withUnsafeBufferPointer { source in
      inputs.withUnsafeMutableBufferPointer { target in
        for (row, original) in order.enumerated() {
          for column in 0..<length {
            target[row * length + column] = Float((source[original * length + column] - mean) / std)
          }
        }
      }
    }
    for (row, original) in order.enumerated() { shuffledLabels[row] = labels[original] }

    let split = min(configuration.trainCount, total)
    // The sizes agree by construction and labels are 0...9, so this cannot throw.
    return try! MNIST1D(
      sequenceLength: length,
      xTrain: Array(inputs[..<(split * length)]), yTrain: Array(shuffledLabels[..<split]),
      xTest: Array(inputs[(split * length)...]), yTest: Array(shuffledLabels[split...]))
  }

  /// One example from one whitened template: `mnist1d.transform.transform`, step by step, in the package's draw order.
  static func transform(
    _ template: [Double], configuration: MNIST1DConfiguration, random: inout RandomSource
  ) -> [Double] {
    // Pad: a uniform number of zeros in padding (inclusive), after the template lifted by epsilon off zero.
    let padSpan = configuration.padding.upperBound - configuration.padding.lowerBound + 1
    let padCount = configuration.padding.lowerBound + Int(unitDouble(&random) * Double(padSpan))
    var signal = template.map { $0 + configuration.templateEpsilon }
    signal += [Double](repeating: 0, count: padCount)

    // Dilate to a fixed length, so more padding means a narrower digit.
    signal = SignalResampling.interpolate(signal, toLength: configuration.stretchedLength)

    // Scale the amplitude.
    let amplitude = 1 + configuration.scaleCoefficient * (unitDouble(&random) - 0.5)
    for index in signal.indices { signal[index] *= amplitude }

    // Translate: rotate right by k in 0..<maxTranslation (np.concatenate([x[-k:], x[:-k]])).
    let shift = random.nextInt(below: configuration.maxTranslation)
    if shift > 0 {
      signal = Array(signal[(signal.count - shift)...] + signal[..<(signal.count - shift)])
    }

    // Noise: smoothed noise replaces the exact zeros left by the padding, then white noise everywhere.
    let rawNoise = (0..<signal.count).map { _ in configuration.correlatedNoiseScale * Double(random.normal()) }
    let correlatedNoise = SignalResampling.gaussianFilter(rawNoise, sigma: configuration.correlatedNoiseSigma)
    for index in signal.indices where signal[index] == 0 {
      signal[index] = correlatedNoise[index]
    }
    for index in signal.indices {
      signal[index] += configuration.iidNoiseScale * Double(random.normal())
    }

    // Shear: subtract a ramp over linspace(-0.5, 0.5).
    let shear = configuration.shearScale * (unitDouble(&random) - 0.5)
    let last = Double(signal.count - 1)
    for index in signal.indices {
      signal[index] -= shear * (-0.5 + Double(index) / last)
    }

    // Subsample to the final length.
    return SignalResampling.interpolate(signal, toLength: configuration.finalSequenceLength)
  }

  /// A uniform double in `[0, 1)` with 53 random bits (numpy's `rand`).
  @inline(__always)
  private static func unitDouble(_ random: inout RandomSource) -> Double {
    Double(random.next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
  }
}
