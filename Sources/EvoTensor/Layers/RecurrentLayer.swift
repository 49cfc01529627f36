/// `nn.GRU` and `nn.LSTM`: multi-layer, optionally bidirectional, optionally batch-first recurrent layers.
///
/// Parameters carry PyTorch's names (`weight_ih_l0`, `bias_hh_l1_reverse`, …) and initialisation
/// `U(-1/sqrt(hidden), 1/sqrt(hidden))`; gates are laid out as PyTorch lays them out.
public final class RecurrentLayer: Module {
  /// Which cell the layer runs.
  public enum Cell: Sendable {
    case gru, lstm
    var gateCount: Int { self == .gru ? 3 : 4 }
  }

  public let cell: Cell
  public let inputSize: Int
  public let hiddenSize: Int
  public let layerCount: Int
  public let bidirectional: Bool
  public let batchFirst: Bool
  public let hasBias: Bool
  /// Weights per (layer, direction): W_ih, W_hh, b_ih, b_hh.
  private var weights: [(ih: Tensor, hh: Tensor, biasIH: Tensor?, biasHH: Tensor?)] = []

  public init(
    _ cell: Cell, inputSize: Int, hiddenSize: Int, layerCount: Int = 1, bias: Bool = true, batchFirst: Bool = false,
    bidirectional: Bool = false, using generator: inout RandomSource
  ) {
    self.cell = cell
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    self.layerCount = layerCount
    self.bidirectional = bidirectional
    self.batchFirst = batchFirst
    self.hasBias = bias
    super.init()
    let bound = 1 / Float(hiddenSize).squareRoot()
    let gates = cell.gateCount * hiddenSize
    let directions = bidirectional ? 2 : 1
    for layer in 0..<layerCount {
      let layerInput = layer == 0 ? inputSize : hiddenSize * directions
      for direction in 0..<directions {
        let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
        let ih = registerParameter(
          "weight_ih" + suffix, Initialization.uniformBound([gates, layerInput], bound: bound, using: &generator))
        let hh = registerParameter(
          "weight_hh" + suffix, Initialization.uniformBound([gates, hiddenSize], bound: bound, using: &generator))
        var biasIH: Tensor?
        var biasHH: Tensor?
        if bias {
          biasIH = registerParameter(
            "bias_ih" + suffix, Initialization.uniformBound([gates], bound: bound, using: &generator))
          biasHH = registerParameter(
            "bias_hh" + suffix, Initialization.uniformBound([gates], bound: bound, using: &generator))
        }
        weights.append((ih, hh, biasIH, biasHH))
      }
    }
  }

  /// Runs the sequence; returns the last layer's outputs at every step, the final hidden states
  /// `[layers * directions, B, H]` and, for LSTM, the final cell states.
  public func run(_ input: Tensor, hidden: Tensor? = nil, cellState: Tensor? = nil)
    -> (output: Tensor, hidden: Tensor, cell: Tensor?)
  {
    let unbatched = input.rank == 2
    precondition(
      input.rank == 3 || unbatched, "\(cell == .gru ? "GRU" : "LSTM") expects a 2-D or 3-D input, got \(input.shape)")
    var sequence = unbatched ? input.unsqueezed(1) : (batchFirst ? input.transposed(0, 1) : input)
    precondition(sequence.shape[2] == inputSize, "expected input size \(inputSize), got \(sequence.shape[2])")
    let batch = sequence.shape[1]
    let steps = sequence.shape[0]
    let directions = bidirectional ? 2 : 1
    let stateShape = [layerCount * directions, batch, hiddenSize]
    let h0 = hidden.map { unbatched ? $0.unsqueezed(1) : $0 } ?? Tensor.zeros(stateShape)
    let c0 = cellState.map { unbatched ? $0.unsqueezed(1) : $0 } ?? Tensor.zeros(stateShape)
    precondition(h0.shape == stateShape, "expected hidden state \(stateShape), got \(h0.shape)")
    var finalHidden: [Tensor] = []
    var finalCells: [Tensor] = []
    for layer in 0..<layerCount {
      var outputs: [Tensor] = []
      for direction in 0..<directions {
        let index = layer * directions + direction
        let w = weights[index]
        let reverse = direction == 1
        switch cell {
        case .gru:
          let combined = Tensor.gruLayer(
            input: sequence, initialHidden: h0.selected(dim: 0, index: index), weightIH: w.ih, weightHH: w.hh,
            biasIH: w.biasIH, biasHH: w.biasHH, reverse: reverse)
          outputs.append(combined.sliced(dim: 0, start: 0, end: steps))
          finalHidden.append(combined.selected(dim: 0, index: steps))
        case .lstm:
          let combined = Tensor.lstmLayer(
            input: sequence, initialHidden: h0.selected(dim: 0, index: index),
            initialCell: c0.selected(dim: 0, index: index), weightIH: w.ih, weightHH: w.hh, biasIH: w.biasIH,
            biasHH: w.biasHH, reverse: reverse)
          outputs.append(combined.sliced(dim: 0, start: 0, end: steps))
          finalHidden.append(combined.selected(dim: 0, index: steps))
          finalCells.append(combined.selected(dim: 0, index: steps + 1))
        }
      }
      sequence = outputs.count == 1 ? outputs[0] : Tensor.concatenate(outputs, dim: 2)
    }
    var output = batchFirst && !unbatched ? sequence.transposed(0, 1) : sequence
    var hN = Tensor.stack(finalHidden, dim: 0)
    var cN = cell == .lstm ? Tensor.stack(finalCells, dim: 0) : nil
    if unbatched {
      output = output.squeezed(1)
      hN = hN.squeezed(1)
      cN = cN?.squeezed(1)
    }
    return (output, hN, cN)
  }

  /// The outputs at every step (PyTorch's `output`, the first element of the returned tuple).
  public override func forward(_ input: Tensor) -> Tensor { run(input).output }
}
