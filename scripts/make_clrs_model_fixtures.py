#!/usr/bin/env python3
"""Writes Tests/TasksTests/Fixtures/clrs_model_<algorithm>.json: dm-clrs 2.0.3's answers for the Swift CLRS network.

For a few algorithms this builds dm-clrs's `BaselineModel` (Triplet-GMPNN, run.py's settings) at a tiny width on
one small on-the-fly batch (run.py's transforms applied), initialises it, and records:
- every parameter by its haiku name ("module/name" -> {shape, data}, haiku's [in, out] layout);
- the training loss (`BaselineModel._loss`) and its gradient with respect to every parameter;
- the raw output logits at evaluation time (`net_fn.apply(..., repred=True)`) and the hard predictions;
- the losses of TRAINING_STEPS training steps (`BaselineModel.feedback`: the loss, then global-norm clipping at 1 and
  Adam at lr 1e-3) on that same batch, from those parameters: the optimiser's trajectory, not just one gradient.
The Swift test loads the parameters into its own network, runs the same batch and compares. Gumbel noise in the
permutation decoder is switched off on both sides (it is random by design); everything else is the reference's code.

Usage (from the repository root, with a venv holding dm-clrs 2.0.3 and jax; TensorFlow is not needed):
  .venv-clrsmodel/bin/python scripts/make_clrs_model_fixtures.py
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'Benchmarks'))
from clrs_reference_import import import_clrs  # noqa: E402

clrs = import_clrs()
from clrs._src import decoders  # noqa: E402
import jax  # noqa: E402
import numpy as np  # noqa: E402

CASES = [
    # algorithm, nodes, batch, sampler kwargs
    ('articulation_points', 5, 2, dict(p=(0.35,))),
    ('mst_kruskal', 5, 2, dict(p=(0.45,))),
    ('insertion_sort', 5, 2, {}),
    ('graham_scan', 6, 2, {}),
    ('bfs', 5, 3, dict(p=(0.4,))),
    ('activity_selector', 5, 2, {}),
]
HIDDEN = 8
TRIPLET_FEATURES = 4
TRAINING_STEPS = 20
PRED_AS_INPUT_ALGOS = ['activity_selector']

_log_sinkhorn = decoders.log_sinkhorn


def _log_sinkhorn_without_noise(x, steps, temperature, zero_diagonal, noise_rng_key):
  del noise_rng_key
  return _log_sinkhorn(x, steps, temperature, zero_diagonal, None)


decoders.log_sinkhorn = _log_sinkhorn_without_noise


def array(values):
  values = np.asarray(values, dtype=np.float32)
  return dict(shape=list(values.shape), data=[float(v) for v in values.reshape(-1)])


def probe(dp, spec):
  stage, location, type_ = spec[dp.name]
  categories = dp.data.shape[-1] if type_ == 'categorical' else 0
  return dict(name=dp.name, stage=stage, location=location, type=type_, categories=categories, values=array(dp.data))


def batch_of(algorithm, nodes, size, kwargs, seed):
  sampler, spec = clrs.build_sampler(algorithm, num_samples=-1, length=nodes, seed=seed, **kwargs)

  def stream():
    while True:
      yield sampler.next(size)

  iterator = clrs.process_random_pos(stream(), np.random.RandomState(seed))
  if algorithm in PRED_AS_INPUT_ALGOS:
    spec, iterator = clrs.process_pred_as_input(spec, iterator)
  spec, iterator = clrs.process_permutations(spec, iterator, True)
  return next(iterator), spec


def case(algorithm, nodes, size, kwargs):
  feedback, spec = batch_of(algorithm, nodes, size, kwargs, seed=7)
  factory = clrs.get_processor_factory('triplet_gmpnn', use_ln=True, nb_triplet_fts=TRIPLET_FEATURES, nb_heads=1)
  model = clrs.models.BaselineModel(
      spec=[spec], dummy_trajectory=[feedback], processor_factory=factory, hidden_dim=HIDDEN, encode_hints=True,
      decode_hints=True, encoder_init='xavier_on_scalars', use_lstm=False, learning_rate=1e-3,
      grad_clip_max_norm=1.0, dropout_prob=0.0, hint_teacher_forcing=0.0, hint_repred_mode='soft',
      nb_msg_passing_steps=1)
  model.init([feedback.features], 3)
  params = model.params
  key = jax.random.PRNGKey(5)
  loss, grads = jax.value_and_grad(model._loss)(params, key, feedback, 0)
  raw_outputs, _ = model.net_fn.apply(params, key, [feedback.features], repred=True, algorithm_index=0,
                                      return_hints=False, return_all_outputs=False)
  predictions, _ = model.predict(key, feedback.features)
  training_losses = [float(model.feedback(jax.random.fold_in(key, step), feedback)) for step in range(TRAINING_STEPS)]
  flat = lambda tree: {f'{module}/{name}': array(value) for module, values in tree.items()
                       for name, value in values.items()}
  return dict(
      algorithm=algorithm, hidden=HIDDEN, triplet_features=TRIPLET_FEATURES,
      lengths=[int(x) for x in feedback.features.lengths],
      inputs=[probe(dp, spec) for dp in feedback.features.inputs],
      hints=[probe(dp, spec) for dp in feedback.features.hints],
      outputs=[probe(dp, spec) for dp in feedback.outputs],
      params=flat(params), loss=float(loss), grads=flat(grads),
      output_logits={name: array(value) for name, value in raw_outputs.items()},
      predictions={name: array(dp.data) for name, dp in predictions.items()},
      score=float(clrs.evaluate(feedback.outputs, predictions)['score']),
      parameter_count=int(sum(np.prod(leaf.shape) for leaf in jax.tree_util.tree_leaves(params))),
      training_losses=training_losses)


def main():
  parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('--output-dir', default=os.path.join(HERE, '..', 'Tests', 'TasksTests', 'Fixtures'))
  parser.add_argument('--only', help='comma-separated algorithms to write (default: all)')
  arguments = parser.parse_args()
  only = arguments.only.split(',') if arguments.only else None
  for algorithm, nodes, size, kwargs in CASES:
    if only and algorithm not in only:
      continue
    result = case(algorithm, nodes, size, kwargs)
    result['generator'] = 'scripts/make_clrs_model_fixtures.py (dm-clrs 2.0.3, jax %s)' % jax.__version__
    path = os.path.join(arguments.output_dir, f'clrs_model_{algorithm}.json')
    with open(path, 'w') as f:
      json.dump(result, f, separators=(',', ':'))
    print(path, 'loss', result['loss'], 'params', result['parameter_count'])


if __name__ == '__main__':
  main()
