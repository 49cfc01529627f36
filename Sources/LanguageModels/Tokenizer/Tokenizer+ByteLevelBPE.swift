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
    Tokenizer.mergePairs(&symbols, worst: Int.max) { mergeRanks[$0 + " " + $1] }
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

  /// Merges adjacent symbols while some pair can merge, each time the pair of lowest `cost` below `worst` (leftmost
  /// on ties); `cost` is nil for a pair that cannot merge. Both BPE flavours are this loop with their own costs.
  static func mergePairs<Cost: Comparable>(
    _ symbols: inout [String], worst: Cost, cost: (String, String) -> Cost?
  ) {
    while symbols.count > 1 {
      var bestCost = worst
      var bestIndex = -1
      for i in 0..<(symbols.count - 1) {
        if let pairCost = cost(symbols[i], symbols[i + 1]), pairCost < bestCost {
          bestCost = pairCost
          bestIndex = i
        }
      }
      if bestIndex < 0 { break }
      symbols[bestIndex] += symbols[bestIndex + 1]
      symbols.remove(at: bestIndex + 1)
    }
  }
}
