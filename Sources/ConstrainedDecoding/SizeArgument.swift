/// The input-size argument of a layer constructor (and the class count of the read-out), as constrained decoding
/// lets it be written: an integer or a known integer name, or a product of two of them (parentheses allowed), that
/// can still become one of the sizes the layers before it give.
///
/// Checked token by token, so that a number being typed must be on its way to a fitting size or to a factor of
/// one: the model is steered to a size that fits rather than left to type one that cannot, which a stronger model
/// (Qwen2.5-Coder computes flattened sizes as `32 * (math.floor(math.log2(40)) + 1)`) then pads with calls,
/// subscripts and conditionals until the line dies.
enum SizeArgument {
  /// Whether `tokens` (the argument so far, the last one still being typed when `endsOpen`) can still become a
  /// size in `sizes`, with `names` the integers the program has bound.
  static func isViable(
    _ tokens: ArraySlice<LineToken>, endsOpen: Bool, sizes: Set<Int>, names: [String: Int]
  ) -> Bool {
    var product = 1
    var factors = 0
    var expectFactor = true
    var depth = 0
    for (offset, token) in tokens.enumerated() {
      let isOpen = endsOpen && offset == tokens.count - 1
      if token.kind == .symbol, token.text == "(", expectFactor {
        depth += 1
        continue
      }
      if token.kind == .symbol, token.text == ")", !expectFactor, depth > 0 {
        depth -= 1
        continue
      }
      if !expectFactor {
        guard token.kind == .symbol, token.text == "*", factors < 2 else { return false }
        expectFactor = true
        continue
      }
      let last = factors == 1
      switch token.kind {
      case .number where isOpen:
        return canReach(typed: token.text, after: product, isLastFactor: last, sizes: sizes)
      case .number:
        guard let value = Int(token.text), value > 0 else { return false }
        product *= value
      case .name:
        if isOpen {
          return names.contains { name, value in
            name.hasPrefix(token.text) && canReach(value: product * value, isLastFactor: last, sizes: sizes)
          }
        }
        guard let value = names[token.text], value > 0 else { return false }
        product *= value
      default:
        return false
      }
      factors += 1
      expectFactor = false
    }
    if factors == 0 { return true }
    // After `a *`, a second factor must exist; after a complete factor the argument may end there or (after the
    // first) go on with `* factor`.
    if expectFactor { return sizes.contains { $0 % product == 0 } }
    return canReach(value: product, isLastFactor: factors == 2, sizes: sizes)
  }

  /// Whether a product of `value` so far is a size, or (if another factor may follow) divides one.
  static func canReach(value: Int, isLastFactor: Bool, sizes: Set<Int>) -> Bool {
    sizes.contains(value) || (!isLastFactor && sizes.contains { value > 0 && $0 % value == 0 })
  }

  /// Whether a number being typed as `typed` can complete the factor after `product` so far: into a size (when it
  /// is the last factor), or into a divisor of one (when another factor may follow).
  static func canReach(typed: String, after product: Int, isLastFactor: Bool, sizes: Set<Int>) -> Bool {
    sizes.contains { size in
      guard size % product == 0 else { return false }
      let rest = size / product
      if String(rest).hasPrefix(typed) { return true }
      return !isLastFactor && divisors(of: rest).contains { String($0).hasPrefix(typed) }
    }
  }

  /// Every positive divisor of `n`.
  static func divisors(of n: Int) -> [Int] {
    guard n > 0 else { return [] }
    var result: [Int] = []
    var d = 1
    while d * d <= n {
      if n % d == 0 {
        result.append(d)
        if d * d != n { result.append(n / d) }
      }
      d += 1
    }
    return result
  }
}
