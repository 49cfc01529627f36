/// A per-step hook into embedded decoding: sees and edits the next-token logits before sampling.
///
/// Constrained decoding implements this: it sets the logits of forbidden tokens to `-Float.infinity`. One
/// processor instance follows one sample from start to end.
public protocol LogitsProcessor: AnyObject {
  /// Edits `logits` (vocabulary-sized) before the sampler sees them; `generated` holds the tokens so far.
  func process(logits: inout [Float], generated: [Int])
  /// Told which token was chosen, so a processor can advance its own state.
  func didSelect(token: Int)
}
