import ArchLang

/// A built network whose layers can be probed with dummy shapes: a classifier (`CompiledModel`) or a component
/// module built with arguments (`CompiledModule`).
protocol ProbedNetwork {
  /// The attributes that hold modules, in assignment order.
  var moduleAttributeNames: [String] { get }
  /// Python's type name of an attribute.
  func attributeTypeName(_ name: String) -> String?
  /// What the layer in an attribute makes of an input of `inputShape`; nil when it cannot take it.
  func outputShape(ofAttribute name: String, inputShape: [Int]) -> [Int]?
}

extension CompiledModel: ProbedNetwork {}

extension CompiledModule: ProbedNetwork {}
