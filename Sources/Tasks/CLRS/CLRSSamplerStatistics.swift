import EvoTensor

/// Statistics of a sampler over many samples, to compare with dm-clrs's (`scripts/make_clrs_sampler_stats.py`).
public struct CLRSSamplerStatistics: Sendable, Codable, Equatable {
  public var algorithm: String
  public var nodeCount: Int
  public var samples: Int
  public var hintLengthMean: Double
  public var hintLengthStd: Double
  public var hintLengthMax: Int
  /// Off-diagonal entries that are edges (graphs only).
  public var edgeDensity: Double?
  /// Diagonal entries that are edges (graphs only).
  public var selfLoopRate: Double?
  /// Mean weight of the edges (weighted graphs only).
  public var edgeWeightMean: Double?
  /// Per mask output, the fraction of positive entries.
  public var outputPositiveRates: [String: Double]

  enum CodingKeys: String, CodingKey {
    case algorithm, samples
    case nodeCount = "length_n"
    case hintLengthMean = "hint_length_mean"
    case hintLengthStd = "hint_length_std"
    case hintLengthMax = "hint_length_max"
    case edgeDensity = "edge_density"
    case selfLoopRate = "self_loop_rate"
    case edgeWeightMean = "edge_weight_mean"
    case outputPositiveRates = "output_positive_rates"
  }

  /// Draws `samples` trajectories of `nodeCount` nodes from `sampler` and measures them.
  public static func measure(_ sampler: CLRSSampler, nodeCount n: Int, samples: Int, seed: UInt64)
    -> CLRSSamplerStatistics
  {
    precondition(samples >= 1, "statistics need samples")
    var random = RandomSource(seed: seed)
    var lengths: [Double] = []
    var offDiagonal = 0.0
    var diagonal = 0.0
    var weightSum = 0.0
    var edgeCount = 0.0
    var positives: [String: Double] = [:]
    var outputEntries: [String: Double] = [:]
    for _ in 0..<samples {
      let input = sampler.sampleInput(nodeCount: n, using: &random)
      let trajectory = try! sampler.algorithm.run(on: input)
      lengths.append(Double(trajectory.hintLength))
      if case .graph(let graph) = input {
        accumulate(graph)
      } else if case .sourcedGraph(let graph, _) = input {
        accumulate(graph)
      }
      for output in trajectory.outputs where output.spec.type == .mask {
        positives[output.spec.name, default: 0] += Double(output.values.filter { $0 > 0.5 }.count)
        outputEntries[output.spec.name, default: 0] += Double(output.values.count)
      }
    }
    func accumulate(_ graph: CLRSGraph) {
      for i in 0..<n {
        for j in 0..<n where graph[i, j] != 0 {
          if i == j { diagonal += 1 } else { offDiagonal += 1 }
          weightSum += graph[i, j]
          edgeCount += 1
        }
      }
    }
    let mean = lengths.reduce(0, +) / Double(samples)
    let variance = lengths.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples)
    let isGraph = sampler.algorithm.takesGraph
    let isWeighted = [.mstKruskal, .dijkstra, .bellmanFord].contains(sampler.algorithm)
    return CLRSSamplerStatistics(
      algorithm: sampler.algorithm.name, nodeCount: n, samples: samples, hintLengthMean: mean,
      hintLengthStd: variance.squareRoot(), hintLengthMax: Int(lengths.max()!),
      edgeDensity: isGraph && n > 1 ? offDiagonal / Double(samples * n * (n - 1)) : nil,
      selfLoopRate: isGraph ? diagonal / Double(samples * n) : nil,
      edgeWeightMean: isWeighted && edgeCount > 0 ? weightSum / edgeCount : nil,
      outputPositiveRates: positives.mapValues { $0 }.merging(outputEntries) { p, total in p / total })
  }
}
