extension Tokenizer {
  /// Byte-level BPE of one pre-tokenized word: map its UTF-8 bytes to the byte alphabet, then apply merges by rank.
  func encodeByteLevel(_ word: ArraySlice<Unicode.Scalar>, into output: inout [Int]) {
    var bytes: [UInt8] = []
    for scalar in word { bytes.append(contentsOf: Array(String(scalar).utf8)) }
    var symbols = bytes.map { String(Character(ByteLevelAlphabet.scalarForByte[Int($0)])) }
    if case .byteLevelBPE(let preTokenizer) = kind, preTokenizer.ignoresMerges, let whole = idForToken[symbols.joined()]
    {
      output.append(whole)
      return
    }
    while symbols.count > 1 {
      var bestRank = Int.max
      var bestIndex = -1
      for i in 0..<(symbols.count - 1) {
        if let rank = mergeRanks[symbols[i] + " " + symbols[i + 1]], rank < bestRank {
          bestRank = rank
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
        for scalar in symbol.unicodeScalars {
          if let id = idForToken[String(scalar)] { output.append(id) }
        }
      }
    }
  }
}
