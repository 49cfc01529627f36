import LanguageModels

/// Something that samples one whole program under constraints: `ConstrainedProposer` with a real model, or a
/// scripted stand-in in tests of the code that drives it.
public protocol ProgramProposing: AnyObject {
  /// One program continuing `prompt` (which ends with `opening`), read after `softPrompt` when one is given, that
  /// computes none of the functions whose fingerprints `distinctFrom` holds (each with its candidate's name).
  func propose(
    prompt: String, opening: String, parameters: SamplingParameters, softPrompt: SoftPrompt?,
    distinctFrom: [String: String]
  ) throws -> ConstrainedProposal
}
