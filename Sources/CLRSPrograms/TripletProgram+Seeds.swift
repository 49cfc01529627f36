import ArchLang
import Seeds

extension TripletProgram {
  /// The paper's nine seed triplet functions (`seeds/clrs/*.py`, compiled into the binary), the standard one first.
  public static let seeds: [SeedProgram] = EmbeddedSeeds.clrs.map {
    SeedProgram($0, parameterCounts: seedParameterCounts, countsFile: "TripletProgram.seedParameterCounts")
  }

  /// Each seed's parameter count: the triplet function's own at Ibarz's size (H 128, F 8), as `TripletProgramCheck`
  /// counts it (CLRSProgramsTests checks them); the whole network's count depends on the algorithm and is measured
  /// when the seed trains.
  static let seedParameterCounts: [String: Int] = [
    "standard": 11448, "mlp_output": 27960, "sum_aggregation": 11448, "mlp_node_maps": 11664, "mlp_edge_maps": 11664,
    "mlp_graph_map": 11520, "no_graph_term": 10416, "tiled_node_map": 32896, "bilinear": 237872,
  ]
}
