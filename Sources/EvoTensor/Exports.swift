// Tensors are initialised, dropped out and shuffled from a `RandomSource`, which takes part in EvoTensor's own
// API; it lives in `Randomness` so that the language models can sample with it without the tensor library.
@_exported import Randomness
