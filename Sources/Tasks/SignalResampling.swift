import Foundation

/// The two 1-D signal operations MNIST-1D is built from: linear resampling and a Gaussian filter.
///
/// They reproduce `scipy.interpolate.interp1d(kind="linear")` on `linspace(0, 1, n)` grids and
/// `scipy.ndimage.gaussian_filter` (mode `reflect`, truncate 4) up to floating-point rounding.
public enum SignalResampling {
  /// Resamples `signal`, taken to lie on `count` evenly spaced points of `[0, 1]`, onto `length` evenly spaced points.
  public static func interpolate(_ signal: [Double], toLength length: Int) -> [Double] {
    precondition(signal.count >= 2 && length >= 2, "interpolation needs at least two points on each grid")
    let last = signal.count - 1
    var result = [Double](repeating: 0, count: length)
    signal.withUnsafeBufferPointer { source in
      result.withUnsafeMutableBufferPointer { target in
        for index in 0..<length {
          // Positions are computed as numpy's linspace does (start + i * step), then mapped to source intervals.
          let position = Double(index) / Double(length - 1)
          let scaled = position * Double(last)
          var left = Int(scaled.rounded(.down))
          if left >= last { left = last - 1 }
          let fraction = scaled - Double(left)
          let a = source[left]
          let b = source[left + 1]
          // Written so that two equal neighbours (in particular two zeros of the padding) give exactly that value.
          target[index] = a + (b - a) * fraction
        }
      }
    }
    return result
  }

  /// The normalised Gaussian kernel of `gaussian_filter`: radius `Int(truncate * sigma + 0.5)`.
  public static func gaussianKernel(sigma: Double, truncate: Double = 4) -> [Double] {
    let radius = Int(truncate * sigma + 0.5)
    var weights = (-radius...radius).map { offset -> Double in
      let x = Double(offset)
      return exp(-0.5 * x * x / (sigma * sigma))
    }
    let total = weights.reduce(0, +)
    for index in weights.indices { weights[index] /= total }
    return weights
  }

  /// Smooths `signal` with a Gaussian of standard deviation `sigma`, reflecting at the edges (`d c b a | a b c d | d c b a`).
  public static func gaussianFilter(_ signal: [Double], sigma: Double, truncate: Double = 4) -> [Double] {
    let kernel = gaussianKernel(sigma: sigma, truncate: truncate)
    let radius = kernel.count / 2
    let count = signal.count
    var result = [Double](repeating: 0, count: count)
    signal.withUnsafeBufferPointer { source in
      kernel.withUnsafeBufferPointer { weights in
        result.withUnsafeMutableBufferPointer { target in
          for index in 0..<count {
            var sum = 0.0
            for tap in -radius...radius {
              sum += weights[tap + radius] * source[reflectIndex(index + tap, count: count)]
            }
            target[index] = sum
          }
        }
      }
    }
    return result
  }

  /// Maps an index outside `0..<count` back inside by half-sample symmetric reflection (scipy's `reflect`).
  @inline(__always)
  static func reflectIndex(_ index: Int, count: Int) -> Int {
    let period = 2 * count
    var wrapped = index % period
    if wrapped < 0 { wrapped += period }
    return wrapped < count ? wrapped : period - 1 - wrapped
  }
}
