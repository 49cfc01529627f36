extension Tensor {
  /// Max pooling over the last dimension of `[N, C, L]` (or `[C, L]`), as `F.max_pool1d`.
  public func maxPool1d(
    kernel: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1, ceilMode: Bool = false
  ) -> Tensor {
    let step = stride ?? kernel
    precondition(padding * 2 <= kernel, "max_pool1d: padding should be at most half the kernel size")
    let length = shape[rank - 1]
    let lout = Tensor.slidingOutputLength(
      length: length, kernel: kernel, stride: step, padding: padding, dilation: dilation, ceilMode: ceilMode)
    precondition(lout > 0, "max_pool1d: input length \(length) is too short for kernel \(kernel)")
    // Each window's taps inside the input: positions start, start + dilation, … (padding taps never win).
    let windows = (0..<lout).map { t -> Window in
      let origin = t * step - padding
      let firstTap = origin >= 0 ? 0 : (-origin + dilation - 1) / dilation
      let lastTap = Swift.min(kernel - 1, (length - 1 - origin) / dilation)
      return Window(start: origin + firstTap * dilation, count: Swift.max(lastTap - firstTap + 1, 0), step: dilation)
    }
    return windowMaximum(windows)
  }

  /// Average pooling over the last dimension, as `F.avg_pool1d`.
  public func avgPool1d(
    kernel: Int, stride: Int? = nil, padding: Int = 0, ceilMode: Bool = false, countIncludePad: Bool = true
  ) -> Tensor {
    let step = stride ?? kernel
    precondition(padding * 2 <= kernel, "avg_pool1d: padding should be at most half the kernel size")
    let length = shape[rank - 1]
    let lout = Tensor.slidingOutputLength(
      length: length, kernel: kernel, stride: step, padding: padding, ceilMode: ceilMode)
    precondition(lout > 0, "avg_pool1d: input length \(length) is too short for kernel \(kernel)")
    // Each window's [start, end) inside the input and its divisor, as PyTorch computes them.
    var windows: [(start: Int, end: Int, divisor: Float)] = []
    for t in 0..<lout {
      let start = t * step - padding
      let paddedEnd = Swift.min(start + kernel, length + padding)
      let poolSize = paddedEnd - start
      let clippedStart = Swift.max(start, 0)
      let clippedEnd = Swift.min(paddedEnd, length)
      windows.append((clippedStart, clippedEnd, Float(countIncludePad ? poolSize : clippedEnd - clippedStart)))
    }
    return windowAverage(windows: windows)
  }

  /// Adaptive average pooling to `outputSize` along the last dimension.
  public func adaptiveAvgPool1d(_ outputSize: Int) -> Tensor {
    let length = shape[rank - 1]
    let windows = (0..<outputSize).map { i -> (start: Int, end: Int, divisor: Float) in
      let start = (i * length) / outputSize
      let end = ((i + 1) * length + outputSize - 1) / outputSize
      return (start, end, Float(end - start))
    }
    return windowAverage(windows: windows)
  }

  /// Adaptive max pooling to `outputSize` along the last dimension.
  public func adaptiveMaxPool1d(_ outputSize: Int) -> Tensor {
    let length = shape[rank - 1]
    return windowMaximum(
      (0..<outputSize).map { i in
        let start = (i * length) / outputSize
        let end = ((i + 1) * length + outputSize - 1) / outputSize
        return Window(start: start, count: end - start, step: 1)
      })
  }

  /// Positions `start, start + step, …` (`count` of them) of the last dimension that one output reads.
  struct Window {
    var start: Int
    var count: Int
    var step: Int
  }

  /// The maximum of each window of the last dimension; the gradient goes to the first position that holds it
  /// (a NaN wins, as in PyTorch).
  private func windowMaximum(_ windows: [Window]) -> Tensor {
    let lout = windows.count
    return poolRows(outputs: lout) { x, y, rows, length in
      var argmax = [Int](repeating: -1, count: rows * lout)
      for r in 0..<rows {
        let row = x + r * length
        for (t, window) in windows.enumerated() {
          var best = -Float.infinity
          var bestIndex = -1
          for k in 0..<window.count {
            let position = window.start + k * window.step
            let v = row[position]
            if bestIndex < 0 || v > best || v.isNaN {
              best = v
              bestIndex = position
              if v.isNaN { break }
            }
          }
          y[r * lout + t] = best
          argmax[r * lout + t] = bestIndex
        }
      }
      return argmax
    } backward: { argmax, gradient, d, rows, length in
      for r in 0..<rows {
        for t in 0..<lout where argmax[r * lout + t] >= 0 {
          d[r * length + argmax[r * lout + t]] += gradient[r * lout + t]
        }
      }
    }
  }

  /// Averages `[start, end)` windows of the last dimension, each divided by its own divisor.
  private func windowAverage(windows: [(start: Int, end: Int, divisor: Float)]) -> Tensor {
    let lout = windows.count
    return poolRows(outputs: lout) { x, y, rows, length in
      for r in 0..<rows {
        for (t, window) in windows.enumerated() {
          var total: Float = 0
          for position in window.start..<Swift.max(window.end, window.start) { total += x[r * length + position] }
          y[r * lout + t] = total / window.divisor
        }
      }
    } backward: { _, gradient, d, rows, length in
      for r in 0..<rows {
        for (t, window) in windows.enumerated() {
          let share = gradient[r * lout + t] / window.divisor
          for position in window.start..<Swift.max(window.end, window.start) { d[r * length + position] += share }
        }
      }
    }
  }

  /// A pooling of the last dimension into `outputs` positions, row by row: `forward(x, y, rows, length)` fills the
  /// output from the contiguous input and returns what backward needs, and `backward(saved, gradient, dx, rows,
  /// length)` adds the output's gradient into the zeroed input gradient.
  private func poolRows<Saved>(
    outputs: Int,
    forward: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Int, Int) -> Saved,
    backward: @escaping (Saved, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Int, Int) -> Void
  ) -> Tensor {
    let length = shape[rank - 1]
    let rows = count / Swift.max(length, 1)
    let input = contiguous()
    let result = Tensor.empty(Array(shape.dropLast()) + [outputs])
    let saved = withExtendedLifetime(input) { forward(input.basePointer, result.basePointer, rows, length) }
    return result.recording([self]) { [shape] g in
      let gradient = g.contiguous()
      let dx = Tensor.zeros(shape)
      withExtendedLifetime(gradient) { backward(saved, gradient.basePointer, dx.basePointer, rows, length) }
      return [dx]
    }
  }
}
