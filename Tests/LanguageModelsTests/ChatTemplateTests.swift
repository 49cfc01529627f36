import LanguageModels
import XCTest

final class ChatTemplateTests: XCTestCase {
  func testChatMLWithSmolLMDefaultSystemPrompt() {
    let template = ChatTemplate(
      jinja: "{{'<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>'}}")
    XCTAssertEqual(
      template, .chatML(defaultSystemPrompt: "You are a helpful AI assistant named SmolLM, trained by Hugging Face"))
    XCTAssertEqual(
      template?.render([.user("Hi")]),
      "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
        + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")
    XCTAssertEqual(
      template?.render([.system("Be brief."), .user("Hi")], addGenerationPrompt: false),
      "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n")
  }

  func testChatMLWithQwenDefaultSystemPrompt() {
    let qwenDefault = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."
    let template = ChatTemplate(jinja: "{{- '<|im_start|>system\\n\(qwenDefault)<|im_end|>\\n' }}")
    XCTAssertEqual(template, .chatML(defaultSystemPrompt: qwenDefault))
    XCTAssertEqual(
      template?.render([.user("Hi")]),
      "<|im_start|>system\n\(qwenDefault)<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")
  }

  func testLlama3() {
    let template = ChatTemplate(jinja: "{% set content = '<|start_header_id|>' + message['role'] %}")
    XCTAssertEqual(template, .llama3)
    XCTAssertEqual(
      template?.render([.system("S"), .user("U")]),
      "<|start_header_id|>system<|end_header_id|>\n\nS<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nU<|eot_id|>"
        + "<|start_header_id|>assistant<|end_header_id|>\n\n")
  }

  func testUnknownTemplatesAreNotGuessed() {
    XCTAssertNil(ChatTemplate(jinja: "{{ bos_token }}[INST] {{ message }} [/INST]"))
    XCTAssertNil(ChatTemplate(jinja: nil))
  }
}
