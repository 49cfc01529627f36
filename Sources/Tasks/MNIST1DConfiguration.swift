/// The knobs of the MNIST-1D generator, with the defaults of the `mnist1d` package's `get_dataset_args()`.
///
/// The names follow the package so a reader can check them against `mnist1d/data.py` one by one.
public struct MNIST1DConfiguration: Sendable, Equatable, Codable {
  /// Total examples made, split evenly over the ten classes.
  public var numSamples: Int = 5_000
  /// The fraction of the shuffled examples that goes to the training set; the rest is the test set.
  public var trainSplit: Double = 0.8
  /// The length of each digit's template signal.
  public var templateLength: Int = 12
  /// The inclusive range of zeros appended to the template before it is stretched.
  public var padding: ClosedRange<Int> = 36...60
  /// The amplitude is multiplied by `1 + scaleCoefficient * (u - 0.5)`.
  public var scaleCoefficient: Double = 0.4
  /// The signal is rotated right by a uniform integer in `0..<maxTranslation`.
  public var maxTranslation: Int = 48
  /// The standard deviation of the Gaussian-smoothed noise written into the padding.
  public var correlatedNoiseScale: Double = 0.25
  /// The standard deviation of the white noise added everywhere.
  public var iidNoiseScale: Double = 0.02
  /// A linear ramp of slope `shearScale * (u - 0.5)` is subtracted.
  public var shearScale: Double = 0.75
  /// The length of every example after the final resampling.
  public var finalSequenceLength: Int = 40
  /// The width (standard deviation, in samples) of the Gaussian filter that correlates the padding noise.
  public var correlatedNoiseSigma: Double = 2
  /// Added to the template so that no template sample is exactly zero: zeros mark the padding.
  public var templateEpsilon: Double = 1e-8

  /// The package's defaults.
  public init() {}

  /// The package's defaults (`mnist1d.data.get_dataset_args()`).
  public static let standard = MNIST1DConfiguration()

  /// The length the padded template is stretched to before noise: `templateLength + padding.upperBound`.
  public var stretchedLength: Int { templateLength + padding.upperBound }

  /// The number of training examples (`int(numSamples * trainSplit)`, as the package computes it).
  public var trainCount: Int { Int(Double(numSamples) * trainSplit) }
}
