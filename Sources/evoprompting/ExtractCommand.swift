import ArchLang
import ArgumentParser
import Evolution
import Foundation
import Sessions

/// `evoprompting extract`: what the search makes of one language-model reply to one prompt.
struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Extract the model program from a language model's reply to a search prompt, and check it.",
    discussion: """
      The reply is a chat answer with a ```python block or a raw continuation of the prompt's opening. Its code is
      parsed up to the first statement that does not parse; the model class (or `model = ...`) is kept with the
      helper classes, functions, constants and allowed imports it reaches; training and data code, `if __name__`
      blocks and unused imports are dropped. A helper the model uses that only a parent in the prompt defines is
      carried in from that parent. The program is then checked as the search checks children. Exit status: 0
      valid, 1 rejected (the reason says why, with line:column in `code` where it applies), 2 usage.

      With --session and --parents, prints instead the prompt the search builds from those candidates of a session
      (with --json also the chat system message), to feed a language model by hand.
      """
  )

  @Option(help: "The prompt the reply answers (parents shown in it are in scope).") var promptFile: String?
  @Option(help: "The language model's reply.") var replyFile: String?
  @Option(help: "Build the prompt from candidates of this session instead (with --parents).") var session: String?
  @Option(help: "Comma-separated candidate ids of --session to use as the prompt's parents.") var parents: String?
  @Option(help: "With --session: the prompt style: paper, novelty, or edit:<part>.") var style = "paper"
  @Flag(help: "Print one JSON object instead of text.") var json = false

  func run() throws {
    if let session {
      try printPrompt(session: session)
      return
    }
    guard let promptFile, let replyFile else {
      throw ValidationError("give --prompt-file and --reply-file (or --session and --parents to print a prompt)")
    }
    let report = ExtractionReport(
      reply: try Self.read(replyFile), prompt: try Self.read(promptFile),
      programOpening: PromptBuilder().programOpening, check: CandidateCheck(exampleShape: [40], classCount: 10))
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      print(String(decoding: try encoder.encode(report), as: UTF8.self))
    } else {
      for drop in report.dropped { print("dropped line \(drop.line) (\(drop.reason)): \(drop.statement)") }
      for carried in report.carried {
        print("carried \(carried.kind) \(carried.name) from parent \(carried.parent + 1)")
      }
      for repair in report.repairs { print("repaired \(repair)") }
      if let code = report.code { print("---\n\(code)---") }
      print(report.ok ? "ok: \(report.params ?? 0) parameters" : "rejected: \(report.error?.description ?? "")")
    }
    if !report.ok { throw ExitCode(1) }
  }

  private func printPrompt(session: String) throws {
    let contents: EventLog.Contents
    do { contents = try EventLog.read(at: URL(fileURLWithPath: session)) } catch { throw ValidationError("\(error)") }
    let state = SessionState(events: contents.events)
    let ids = (parents ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    guard !ids.isEmpty else { throw ValidationError("--session needs --parents (e.g. --parents s1,c3)") }
    let chosen = try ids.map { id in
      guard let candidate = state.candidates[id], let params = candidate.params,
        let accuracy = candidate.validationAccuracy
      else { throw ValidationError("\(session) has no evaluated candidate \(id)") }
      return (code: candidate.code, metrics: ParentMetrics(params: params, validationAccuracy: accuracy))
    }
    let promptStyle: PromptStyle
    switch style {
    case "paper": promptStyle = .paper
    case "novelty": promptStyle = .novelty
    case let edit where edit.hasPrefix("edit:"): promptStyle = .edit(part: String(edit.dropFirst(5)))
    default: throw ValidationError("unknown --style '\(style)'; styles are: paper, novelty, edit:<part>")
    }
    let prompt = PromptBuilder().prompt(parents: chosen, style: promptStyle)
    if json {
      let object: [String: Any] = ["prompt": prompt, "system": PromptBuilder.chatInstruction, "parents": ids]
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
      print(String(decoding: data, as: UTF8.self))
    } else {
      print(prompt, terminator: "")
    }
  }

  private static func read(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw ValidationError("cannot read '\(path)' as UTF-8 text")
    }
    return text
  }
}
