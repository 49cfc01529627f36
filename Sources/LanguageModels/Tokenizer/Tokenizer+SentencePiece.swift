extension Tokenizer {
  /// SentencePiece BPE (llama.cpp's SPM tokenizer): start from UTF-8 characters, repeatedly merge the adjacent pair
  /// whose merged text is the highest-scoring vocabulary entry (leftmost on ties), then map each symbol to its id
  /// or to `<0xXX>` byte tokens.
  func encodeSentencePiece(_ text: String, into output: inout [Int]) {
    var symbols = text.unicodeScalars.map { String($0) }
    while symbols.count > 1 {
      var bestScore = -Float.infinity
      var bestIndex = -1
      for i in 0..<(symbols.count - 1) {
        if let id = idForToken[symbols[i] + symbols[i + 1]], scores[id] > bestScore {
          bestScore = scores[id]
          bestIndex = i
        }
      }
      if bestIndex < 0 { break }
      symbols[bestIndex] += symbols[bestIndex + 1]
      symbols.remove(at: bestIndex + 1)
    }
    for symbol in symbols {
      if let id = idForToken[symbol] {
        output.append(id)
      } else {
        for byte in symbol.utf8 where byteTokenIDs[Int(byte)] >= 0 { output.append(byteTokenIDs[Int(byte)]) }
      }
    }
  }
}
