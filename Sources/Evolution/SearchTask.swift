import ArchLang
import CLRSPrograms
import MemberwiseInit
import Tasks

/// What a search needs to know about its task besides training: the seeds of the first generation, how prompts
/// describe a program and its metric, and which class a reply's program is kept around. One value per task
/// name, so the loop, the prompt and extraction never ask which task they run on.
@MemberwiseInit
public struct SearchTask: Sendable {
  public var name: TaskName
  /// The first generation.
  public var seeds: [SeedProgram]
  /// Writes the paper's prompt for this task (its header line, metric key and the class extraction keeps).
  public var promptBuilder: PromptBuilder

  /// The task `name` names.
  public static func named(_ name: TaskName) -> SearchTask {
    guard let algorithm = name.clrsAlgorithm else {
      return SearchTask(name: name, seeds: SeedProgram.all, promptBuilder: PromptBuilder())
    }
    return clrs(algorithm)
  }

  /// A CLRS algorithm: the nine seed triplet functions, and prompts that show each function with the whole
  /// network's parameters and its validation score (`val_score`, dm-clrs's score of the outputs).
  public static func clrs(_ algorithm: CLRSAlgorithm) -> SearchTask {
    let description = """
      Triplet-message functions of a Triplet-GMPNN trained on CLRS \(algorithm.name): \
      `class \(TripletProgram.className)(nn.Module)` with `__init__(self, hidden, nb_triplet_fts, out_size)` and \
      `forward(self, z, edge_fts, graph_fts)` takes z [B, N, 2*hidden], edge_fts [B, N, N, hidden] and \
      graph_fts [B, hidden] and returns [B, N, N, out_size]
      """
    return SearchTask(
      name: .clrs(algorithm), seeds: TripletProgram.seeds,
      promptBuilder: PromptBuilder(
        taskDescription: description, metricKey: "val_score", metricDescription: "validation score",
        modelClassName: TripletProgram.className))
  }
}
