/// How the network to train is found in a program.
public enum ModelSelection: Sendable, Hashable {
  /// A module-level `model = ...`: the value of the expression is the network.
  case variable(name: String, value: Expression)
  /// A class to instantiate with no arguments: `Model` if the program defines it, else the last `nn.Module` subclass.
  case moduleClass(name: String)
}
