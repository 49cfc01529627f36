import Foundation
import Tasks
import XCTest

/// The resampling and filtering steps against values printed by scipy 1.17 (`interp1d`, `gaussian_filter`).
final class SignalResamplingTests: XCTestCase {
  private let signal: [Double] = [1.0, -2.0, 0.5, 3.0, 0.0, 0.0, -1.0, 2.0, 4.0, -3.0, 1.5, 0.25]

  func testGaussianFilterMatchesScipyReflectMode() {
    // scipy.ndimage.gaussian_filter(signal, 2): radius 8, reflecting past both ends.
    let expected = [
      0.14822719, 0.25647067, 0.41674647, 0.53942372, 0.58450147, 0.60939255,
      0.67872746, 0.753898, 0.74026846, 0.62402752, 0.48838171, 0.40993478,
    ]
    let filtered = SignalResampling.gaussianFilter(signal, sigma: 2)
    for (value, reference) in zip(filtered, expected) {
      XCTAssertEqual(value, reference, accuracy: 1e-7)
    }
    XCTAssertEqual(SignalResampling.gaussianKernel(sigma: 2).count, 17)
  }

  func testInterpolationMatchesScipyLinearOnUnitGrids() {
    // mnist1d.transform.interpolate(signal, 30)
    let expected = [
      1.0, -0.13793103, -1.27586207, -1.65517241, -0.70689655, 0.24137931, 1.18965517, 2.13793103,
      2.89655172, 1.75862069, 0.62068966, 0.0, 0.0, 0.0, -0.31034483, -0.68965517, -0.79310345,
      0.34482759, 1.48275862, 2.4137931, 3.17241379, 3.93103448, 1.5862069, -1.06896552, -2.53448276,
      -0.82758621, 0.87931034, 1.19827586, 0.72413793, 0.25,
    ]
    let resampled = SignalResampling.interpolate(signal, toLength: 30)
    XCTAssertEqual(resampled.count, 30)
    for (value, reference) in zip(resampled, expected) {
      XCTAssertEqual(value, reference, accuracy: 1e-7)
    }
    // Between two zeros the result must be exactly zero: the generator finds the padding by equality with 0.
    XCTAssertEqual(resampled[11], 0)
    XCTAssertEqual(resampled[12], 0)
  }

  func testTemplatesAreWhitenedAsThePackageDoes() {
    // mnist1d.data.get_templates()['x'][3]
    let expected = [
      0.0, 0.26726124, 0.40089186, 0.40089186, 0.26726124, 0.0,
      0.0, 0.26726124, 0.40089186, 0.40089186, 0.26726124, 0.0,
    ]
    for (value, reference) in zip(MNIST1DTemplates.whitened[3], expected) {
      XCTAssertEqual(value, reference, accuracy: 1e-7)
    }
    XCTAssertEqual(MNIST1DTemplates.whitened.count, 10)
    XCTAssertTrue(MNIST1DTemplates.whitened.allSatisfy { $0.first == 0 && $0.count == 12 })
  }
}
