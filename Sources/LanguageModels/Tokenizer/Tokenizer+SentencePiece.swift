extension Tokenizer {
  /// SentencePiece BPE (llama.cpp's SPM tokenizer): start from UTF-8 characters, repeatedly merge the adjacent pair
  /// whose merged text is the highest-scoring vocabulary entry (leftmost on ties), then map each symbol to its id
  /// or to `<0xXX>` byte tokens.
  func encodeSentencePiece(_ text: String, into output: inout [Int]) {
    var symbols = text.unicodeScalars.map { String($0) }
    // The highest score first: its negation is the cost, and -(-infinity) the worst.
    Tokenizer.mergePairs(&symbols, worst: Float.infinity) { idForToken[$0 + $1].map { -scores[$0] } }
    for symbol in symbols {
      if let id = idForToken[symbol] {
        output.append(id)
      } else {
        for byte in symbol.utf8 where byteTokenIDs[Int(byte)] >= 0 { output.append(byteTokenIDs[Int(byte)]) }
      }
    }
  }
}
