"""Trains dm-clrs 2.0.3's Triplet-GMPNN (`BaselineModel`) as `evoprompting clrs train` does, and prints the same JSON.

The reference side of `Benchmarks/clrs_proxy_compare.sh`: the same presets, on-the-fly samplers, sizes, steps and
evaluation protocol as the Swift command, so the two can be run side by side on one machine.

  python Benchmarks/clrs_reference_train.py --algorithm articulation_points --preset proxy --seed 0 --json
  python Benchmarks/clrs_reference_train.py --algorithm articulation_points --preset paper --train-sizes 16 \
      --fixed-train-set 1000 --steps 4 --no-eval --json   # the per-step time of CLRS.md section 7 (padded T = 73)

Protocol (both sides):
- training batches come from on-the-fly samplers that cycle through `--train-sizes`, one size per step, with run.py's
  p ranges (halved for articulation points and MST-Kruskal), random `pos`, hints padded to the length each sampler
  tracks (dm-clrs `Sampler.max_steps`);
- every `--eval-every` steps (and at step 0) the model is scored on a fixed validation set of `--val-samples` graphs
  at the largest training size (same p ranges, random `pos`), pooled over the whole set; the best score's parameters
  are kept (run.py scores 2 batches of 32 drawn with replacement from its 64; the whole set is the same measure
  without the resampling noise);
- at the end those parameters are scored on `--test-samples` graphs at `--test-size` with the CLRS-30 test
  distribution (default sampler arguments, linear `pos`), as the CLRS-30 test split is built.
Model settings are run.py's: Triplet-GMPNN, layer norm, 8 triplet features, encoded_decoded hints, soft hint
re-prediction, teacher forcing 0, xavier_on_scalars, Adam lr 1e-3 with global-norm clipping at 1.0.
"""

import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clrs_reference_import import import_clrs  # noqa: E402

clrs = import_clrs()
import jax  # noqa: E402
import numpy as np  # noqa: E402

# The presets of `evoprompting clrs train` (Sources/Tasks/CLRS/Model/CLRSTrainingPreset.swift); keep them equal.
PRESETS = {
    'proxy': dict(hidden=32, batch_size=16, steps=1000, train_sizes=[4, 7, 11], test_size=32, eval_every=50,
                  val_samples=64, test_samples=32),
    'paper': dict(hidden=128, batch_size=32, steps=10000, train_sizes=[4, 7, 11, 13, 16], test_size=64,
                  eval_every=50, val_samples=64, test_samples=32),
}

PRED_AS_INPUT_ALGOS = ['activity_selector']
HALVED_P_ALGOS = ['articulation_points', 'bridges', 'mst_kruskal', 'bipartite_matching']


def parse_arguments():
  parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('--algorithm', required=True)
  parser.add_argument('--preset', choices=sorted(PRESETS), default='proxy')
  parser.add_argument('--hidden', type=int)
  parser.add_argument('--batch-size', type=int)
  parser.add_argument('--steps', type=int)
  parser.add_argument('--train-sizes', type=lambda text: [int(x) for x in text.split(',')])
  parser.add_argument('--test-size', type=int)
  parser.add_argument('--eval-every', type=int)
  parser.add_argument('--val-samples', type=int)
  parser.add_argument('--test-samples', type=int)
  parser.add_argument('--seed', type=int, default=0)
  parser.add_argument('--fixed-train-set', type=int, default=0,
                      help='train on batches drawn from a fixed set of this many graphs at the largest training size '
                      '(CLRS-30 sampler arguments; 1000 at n=16 is the CLRS-30 train split) instead of on the fly')
  parser.add_argument('--no-eval', action='store_true', help='only time training steps (no validation or test)')
  parser.add_argument('--perturb-init', type=float, default=0.0, metavar='EPS',
                      help='multiply every initial parameter by (1 + EPS * a standard normal draw): a control for how '
                      'far float rounding alone moves a run (1e-7 is about one float32 rounding step)')
  parser.add_argument('--export', metavar='FILE',
                      help='also write the run for `evoprompting clrs train --replay FILE`: the initial parameters, '
                      'the inputs of every training batch in order, and the validation and test sets')
  parser.add_argument('--json', action='store_true')
  arguments = parser.parse_args()
  for key, value in PRESETS[arguments.preset].items():
    if getattr(arguments, key) is None:
      setattr(arguments, key, value)
  return arguments


def sampler_kwargs(algorithm):
  """run.py's p ranges: 0.1 … 0.9, halved for the algorithms whose trajectories would be very long."""
  p = tuple(0.1 + 0.1 * i for i in range(9))
  if algorithm in HALVED_P_ALGOS:
    p = tuple(np.array(p) / 2)
  return dict(p=p)  # build_sampler drops it for samplers without a p (sorting, geometry, activities)


def iterate(sampler, batch_size):
  while True:
    yield sampler.next(batch_size)


def make_sampler(algorithm, length, rng, num_samples, batch_size, random_pos, kwargs, seed=None):
  """run.py's `make_sampler` for positive lengths, with the same transforms."""
  seed = rng.randint(2**32) if seed is None else seed
  sampler, spec = clrs.build_sampler(algorithm, seed=seed, num_samples=num_samples, length=length, **kwargs)
  stream = iterate(sampler, batch_size)
  if random_pos:
    stream = clrs.process_random_pos(stream, rng)
  if algorithm in PRED_AS_INPUT_ALGOS:
    spec, stream = clrs.process_pred_as_input(spec, stream)
  spec, stream = clrs.process_permutations(spec, stream, True)
  return stream, spec


def cycle(streams):
  while True:
    for stream in streams:
      yield next(stream)


def whole_set(stream_factory, count):
  """One batch of `count` distinct samples, drawn once.

  The factory must sample on the fly (`num_samples` -1): a dm-clrs sampler over a fixed dataset answers `next` with
  indices drawn with replacement, so a "whole" batch of 64 from 64 would hold about 41 distinct graphs, some
  counted twice, and be a noisier measure than the Swift side's 64 distinct graphs.
  """
  return next(stream_factory(count))


def build_model(spec, dummy, hidden):
  factory = clrs.get_processor_factory('triplet_gmpnn', use_ln=True, nb_triplet_fts=8, nb_heads=1)
  return clrs.models.BaselineModel(
      spec=[spec], dummy_trajectory=[dummy], processor_factory=factory, hidden_dim=hidden, encode_hints=True,
      decode_hints=True, encoder_init='xavier_on_scalars', use_lstm=False, learning_rate=1e-3,
      grad_clip_max_norm=1.0, checkpoint_path='/tmp/clrs-reference-unused', freeze_processor=False, dropout_prob=0.0,
      hint_teacher_forcing=0.0, hint_repred_mode='soft', nb_msg_passing_steps=1)


def score(model, feedback, rng_key):
  predictions, _ = model.predict(rng_key, feedback.features, algorithm_index=0)
  return float(clrs.evaluate(feedback.outputs, predictions)['score'])


def exported_batch(feedback):
  """A batch as `clrs train --replay` reads it: the inputs (after run.py's transforms, so `pos` as trained on), the
  hint lengths and the padded T. Hints and outputs are left out: the Swift algorithms recompute them from the inputs
  (`clrs check-reference` shows they are the same) and `--replay` checks every recomputed input and length."""
  features = feedback.features
  return dict(
      hint_length=int(features.hints[0].data.shape[0]), lengths=[int(x) for x in features.lengths],
      inputs={dp.name: dict(shape=list(dp.data.shape), data=np.asarray(dp.data, dtype=np.float64).reshape(-1).tolist())
              for dp in features.inputs})


def exported_parameters(params):
  return {f'{module}/{name}': dict(shape=list(value.shape), data=np.asarray(value, dtype=np.float64).reshape(-1).tolist())
          for module, values in params.items() for name, value in values.items()}


def write_export(path, arguments, initial_params, params, train_batches, validation, test):
  record = dict(
      generator='Benchmarks/clrs_reference_train.py --export (dm-clrs 2.0.3, jax %s)' % jax.__version__,
      algorithm=arguments.algorithm, hidden=arguments.hidden, triplet_features=8, batch_size=arguments.batch_size,
      steps=arguments.steps, eval_every=arguments.eval_every, seed=arguments.seed, parameter_count=params,
      parameters=initial_params, train=train_batches, validation=exported_batch(validation),
      test=exported_batch(test))
  with open(path, 'w') as f:
    json.dump(record, f, separators=(',', ':'))


def main():
  arguments = parse_arguments()
  if arguments.export and (arguments.no_eval or arguments.fixed_train_set):
    sys.exit('--export records an on-the-fly run with evaluation: not with --no-eval or --fixed-train-set')
  algorithm = arguments.algorithm
  rng = np.random.RandomState(arguments.seed)
  rng_key = jax.random.PRNGKey(rng.randint(2**32))
  kwargs = sampler_kwargs(algorithm)

  if arguments.fixed_train_set:
    # Seed 1 and the default sampler arguments: with 1000 graphs of 16 nodes, the CLRS-30 train split itself.
    train_stream, spec = make_sampler(algorithm, max(arguments.train_sizes), rng, arguments.fixed_train_set,
                                      arguments.batch_size, True, {}, seed=1)
  else:
    streams = []
    for length in arguments.train_sizes:
      stream, spec = make_sampler(algorithm, length, rng, -1, arguments.batch_size, True, kwargs)
      streams.append(stream)
    train_stream = cycle(streams)

  validation = test = None
  if not arguments.no_eval:
    val_size = max(arguments.train_sizes)
    validation = whole_set(
        lambda count: make_sampler(algorithm, val_size, rng, -1, count, True, kwargs)[0], arguments.val_samples)
    test = whole_set(
        lambda count: make_sampler(algorithm, arguments.test_size, rng, -1, count, False, {})[0],
        arguments.test_samples)

  first = next(train_stream)
  model = build_model(spec, first, arguments.hidden)
  model.init([first.features], arguments.seed + 1)
  params = int(sum(np.prod(leaf.shape) for leaf in jax.tree_util.tree_leaves(model.params)))
  if arguments.perturb_init:
    noise = np.random.RandomState(arguments.seed + 1000)
    model.params = jax.tree_util.tree_map(
        lambda p: p * (1 + arguments.perturb_init * noise.standard_normal(p.shape)).astype(p.dtype), model.params)
  initial_params = exported_parameters(model.params) if arguments.export else None
  train_batches = []

  started = time.perf_counter()
  step_seconds = []
  step_cpu_seconds = []
  curve = []
  best_score, best_step, best_params = -1.0, 0, None
  feedback = first
  for step in range(arguments.steps):
    if step > 0:
      feedback = next(train_stream)
    if arguments.export:
      train_batches.append(exported_batch(feedback))
    rng_key, step_key = jax.random.split(rng_key)
    tick, cpu_tick = time.perf_counter(), time.process_time()
    loss = float(model.feedback(step_key, feedback))
    step_seconds.append(time.perf_counter() - tick)
    step_cpu_seconds.append(time.process_time() - cpu_tick)
    point = dict(step=step, loss=loss)
    if validation is not None and step % arguments.eval_every == 0:
      rng_key, eval_key = jax.random.split(rng_key)
      value = score(model, validation, eval_key)
      point['val_score'] = value
      if value > best_score or step == 0:
        best_score, best_step, best_params = value, step, model.params
    curve.append(point)
    if not arguments.json:
      print(json.dumps(point), flush=True)

  test_score = None
  if test is not None:
    model.params = best_params
    rng_key, test_key = jax.random.split(rng_key)
    test_score = score(model, test, test_key)
  seconds = time.perf_counter() - started
  # The first step of each training size compiles; the median is the steady-state step.
  report = dict(
      implementation='dm-clrs 2.0.3', algorithm=algorithm, preset=arguments.preset, params=params,
      hidden=arguments.hidden, batch_size=arguments.batch_size, steps=arguments.steps,
      train_sizes=arguments.train_sizes, test_size=arguments.test_size, seed=arguments.seed,
      perturb_init=arguments.perturb_init,
      val_score=best_score if validation is not None else None, best_step=best_step, test_score=test_score,
      seconds=seconds, ms_per_step=1000 * statistics.median(step_seconds),
      ms_per_step_mean=1000 * statistics.mean(step_seconds),
      cpu_ms_per_step=1000 * statistics.median(step_cpu_seconds), curve=curve)
  print(json.dumps(report))
  if arguments.export:
    write_export(arguments.export, arguments, initial_params, params, train_batches, validation, test)


if __name__ == '__main__':
  main()
