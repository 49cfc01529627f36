/// A runtime value of the interpreted Python subset.
///
/// Mutable containers and objects are reference types, as in Python: two names bound to one list see each other's
/// appends. Engine objects (tensors, layers) live behind `.native`.
public indirect enum Value {
  case none
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
  case list(ListStorage)
  case tuple(TupleStorage)
  case dict(DictStorage)
  case range(start: Int, stop: Int, step: Int)
  /// `lower:upper:step` with `.none` for omitted parts.
  case slice(Value, Value, Value)
  case ellipsis
  case function(FunctionValue)
  /// A function with its first argument (`self`) already bound.
  case boundMethod(receiver: Value, function: FunctionValue)
  case builtin(BuiltinFunction)
  case classObject(ClassObject)
  case instance(InstanceObject)
  /// An imported module or a namespace inside one (`torch`, `torch.nn`, `math`), by qualified name.
  case namespace(String)
  /// The object `super()` returns: attribute lookups start after `startClass` in the class chain.
  case superProxy(receiver: Value, startClass: ClassObject)
  /// An engine object: a tensor, a layer, a device.
  case native(any NativeObject)

  /// Python's name for the value's type, for error messages.
  public var typeName: String {
    switch self {
    case .none: return "NoneType"
    case .bool: return "bool"
    case .int: return "int"
    case .float: return "float"
    case .string: return "str"
    case .list: return "list"
    case .tuple: return "tuple"
    case .dict: return "dict"
    case .range: return "range"
    case .slice: return "slice"
    case .ellipsis: return "ellipsis"
    case .function, .boundMethod: return "function"
    case .builtin: return "builtin_function"
    case .classObject: return "type"
    case .instance(let object): return object.classObject.name
    case .namespace: return "module"
    case .superProxy: return "super"
    case .native(let object): return object.typeName
    }
  }
}
