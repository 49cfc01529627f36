/// Why a GGUF file could not be opened or used.
public enum GGUFError: Error, CustomStringConvertible, Sendable {
  case cannotOpen(path: String, reason: String)
  case notGGUF(path: String)
  case unsupportedVersion(UInt32)
  case truncated(offset: Int)
  case unknownValueType(UInt32)
  case unknownTensorType(name: String, type: UInt32)
  case missingKey(String)
  case missingTensor(String)
  case badTensorShape(name: String, shape: [Int])
  case unsupportedArchitecture(String)
  case unsupportedTokenizer(String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason): return "cannot open \(path): \(reason)"
    case .notGGUF(let path): return "\(path) is not a GGUF file (bad magic)"
    case .unsupportedVersion(let version): return "GGUF version \(version) is not supported (only 2 and 3)"
    case .truncated(let offset): return "GGUF file ends early (reading at byte \(offset))"
    case .unknownValueType(let type): return "unknown GGUF metadata value type \(type)"
    case .unknownTensorType(let name, let type): return "tensor \(name) has unsupported ggml type \(type)"
    case .missingKey(let key): return "GGUF metadata key \(key) is missing"
    case .missingTensor(let name): return "GGUF tensor \(name) is missing"
    case .badTensorShape(let name, let shape): return "tensor \(name) has unexpected shape \(shape)"
    case .unsupportedArchitecture(let arch): return "model architecture \(arch) is not supported (llama, qwen2)"
    case .unsupportedTokenizer(let model): return "tokenizer model \(model) is not supported (gpt2, llama)"
    }
  }
}
