import ArgumentParser
import Evolution

// The settings' enums as argument types, for commands that take one as a plain option (`train --task`,
// `propose --lm`): the parser reads and checks them as the settings tables do.
extension ReviewMode: ExpressibleByArgument {}
extension LanguageModelBackend: ExpressibleByArgument {}
extension OpenAIEndpoint: ExpressibleByArgument {}
extension ExecutorKind: ExpressibleByArgument {}
extension Baseline: ExpressibleByArgument {}
extension SearchPreset: ExpressibleByArgument {}

extension TaskName: ExpressibleByArgument {
  public init?(argument: String) { self.init(settingText: argument) }
  public static var allValueStrings: [String] { settingChoices ?? [] }
}
