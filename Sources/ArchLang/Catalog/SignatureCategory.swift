/// What kind of callable or value a catalog entry describes.
public enum SignatureCategory: String, Sendable, Hashable, Codable {
  /// A `torch.nn` module class (`nn.Conv1d`).
  case module
  /// A `torch.nn.functional` function (`F.relu`).
  case functional
  /// A `torch` function (`torch.cat`).
  case torchFunction
  /// A method or attribute of a tensor (`x.view`, `x.shape`).
  case tensorMethod
  /// A method of a module (`self.parameters()`, `layers.append(...)`).
  case moduleMethod
  /// A Python builtin (`len`, `range`).
  case builtin
  /// A `math` function (`math.sqrt`).
  case math
  /// A constant (`math.pi`, `torch.float32`).
  case constant
}
