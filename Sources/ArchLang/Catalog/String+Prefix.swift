extension String {
  /// The rest of the string after `prefix`, or nil when it does not start with `prefix`.
  func strippingPrefix(_ prefix: String) -> String? {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
  }
}
