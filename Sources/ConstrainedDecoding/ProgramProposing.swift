import LanguageModels

/// Something that samples one whole program under constraints: `ConstrainedProposer` with a real model, or a
/// scripted stand-in in tests of the code that drives it.
public protocol ProgramProposing: AnyObject {
  /// One program continuing `prompt` (which ends with `opening`), read after `softPrompt` when one is given.
  func propose(prompt: String, opening: String, parameters: SamplingParameters, softPrompt: SoftPrompt?) throws
    -> ConstrainedProposal
}
