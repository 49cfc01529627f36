/// `nn.Sequential`: applies its children in order; children are named `0`, `1`, ….
public final class Sequential: Module {
  public init(_ modules: [Module]) {
    super.init()
    for (i, module) in modules.enumerated() { registerModule(String(i), module) }
  }

  public override func forward(_ input: Tensor) -> Tensor {
    children.reduce(input) { $1.module.forward($0) }
  }
}
