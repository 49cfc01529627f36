/// Marks engine objects that are `nn.Module`s (layers, containers), for `isinstance(x, nn.Module)`.
public protocol NativeModule: NativeObject {}
