/// The tokenizer algorithm named by `tokenizer.ggml.model`.
public enum TokenizerKind: Sendable, Equatable {
  /// `gpt2`: byte-level BPE with merge ranks.
  case byteLevelBPE(PreTokenizer)
  /// `llama`: SentencePiece BPE by token scores with byte fallback.
  case sentencePiece
}
