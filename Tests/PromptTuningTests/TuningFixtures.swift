import EvoTensor
import Foundation
import LanguageModels
import PromptTuning
import XCTest

/// Paths and loaders for the files in `Fixtures/`.
enum TuningFixtures {
  /// The path of fixture `name`.
  static func path(_ name: String) throws -> String {
    try XCTUnwrap(Bundle.module.resourceURL).appendingPathComponent("Fixtures").appendingPathComponent(name).path
  }

  /// The tiny random llama `name` (`tiny_llama_f32.gguf`, `tiny_llama_q4_1.gguf`) and its tokenizer.
  static func tinyModel(_ name: String = "tiny_llama_f32.gguf") throws -> (model: TunableLlama, tokenizer: Tokenizer) {
    let file = try GGUFFile(path: try path(name))
    return (try TunableLlama(model: try LlamaModel(file: file)), try Tokenizer(file: file))
  }

  /// One case of `soft_prompt_gradients_torch.json`.
  struct TorchCase: Decodable {
    let model: String
    let promptTokens: [Int]
    let completionTokens: [Int]
    let softPrompt: [Float]
    let promptLength: Int
    let loss: Double
    let lossWithoutSoftPrompt: Double
    let gradient: [Double]

    enum CodingKeys: String, CodingKey {
      case model, loss, gradient
      case promptTokens = "prompt_tokens"
      case completionTokens = "completion_tokens"
      case softPrompt = "soft_prompt"
      case promptLength = "prompt_length"
      case lossWithoutSoftPrompt = "loss_without_soft_prompt"
    }
  }

  /// The PyTorch reference cases (`soft_prompt_gradients_torch.json`), or those of another file of that format.
  static func torchCases(_ file: String = "soft_prompt_gradients_torch.json") throws -> [TorchCase] {
    struct File: Decodable { let cases: [TorchCase] }
    let data = try Data(contentsOf: URL(fileURLWithPath: try path(file)))
    return try JSONDecoder().decode(File.self, from: data).cases
  }

  /// A few short (prompt, completion) pairs in the tiny tokenizer's alphabet.
  static let tinyPairs: [(prompt: String, completion: String)] = [
    ("the model", " is small"),
    ("a linear layer", " then relu"),
    ("conv then pool", " and linear"),
    ("the model", " is a net"),
    ("a small net", " is fast"),
    ("linear", " layer then relu"),
  ]
}
