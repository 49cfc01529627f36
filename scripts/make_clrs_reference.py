"""CLRS reference trajectories (inputs, every hint, outputs) from the real dm-clrs 2.0.3 samplers, as JSON.

The format of ../shared/reference/clrs/ (its README), read by `evoprompting clrs check-reference` and the
TasksTests fixtures under Tests/TasksTests/Fixtures/clrs/.

  python scripts/make_clrs_reference.py --out DIR [ALGO ...]
      the shipped reference: split train_n16 = build_sampler(algo, 8, length=16, seed=1).next() (the first 8
      samples of the CLRS-30 train split) and test_n64 = build_sampler(algo, 2, length=64, seed=3).next().
  python scripts/make_clrs_reference.py --out DIR --split s7_n12:12:4:7 [--split ...] [--ibarz-p] [ALGO ...]
      other splits NAME:LENGTH:NUM_SAMPLES:SEED; --ibarz-p samples with run.py's p ranges (0.1..0.9, halved for
      articulation_points and mst_kruskal) instead of the CLRS-30 defaults.

Arrays are per instance and unpadded; floats are rounded to 6 decimals. Needs a Python with dm-clrs==2.0.3
(`python3.11 -m venv .venv-clrs && .venv-clrs/bin/pip install dm-clrs==2.0.3`).
"""
import argparse
import inspect
import json
import os
import warnings

import numpy as np

warnings.filterwarnings('ignore', category=DeprecationWarning)

import clrs  # noqa: E402
from clrs._src import probing, samplers, specs  # noqa: E402

ALGOS = ['articulation_points', 'graham_scan', 'mst_kruskal', 'bfs', 'dfs',
         'dijkstra', 'insertion_sort', 'bellman_ford', 'topological_sort',
         'activity_selector']
DEFAULT_SPLITS = [('train_n16', 16, 8, 1), ('test_n64', 64, 2, 3)]
INT_TYPES = {'mask', 'mask_one', 'categorical', 'pointer', 'should_be_permutation',
             'permutation_pointer'}
LOW_P_ALGOS = ('articulation_points', 'bridges', 'mst_kruskal', 'bipartite_matching')


def ibarz_p(name):
  """run.py's training p values."""
  p = tuple(0.1 + 0.1 * i for i in range(9))
  if name in LOW_P_ALGOS:
    p = tuple(np.array(p) / 2)
  return p


def to_list(x, typ):
  x = np.asarray(x)
  if typ in INT_TYPES and np.all(np.equal(np.mod(x, 1), 0)):
    return x.astype(np.int64).tolist()
  return np.round(x.astype(np.float64), 6).tolist()


def dp_entry(dp, data):
  return {'location': dp.location, 'type': dp.type_,
          'shape': list(np.shape(data)), 'data': to_list(data, dp.type_)}


def sampler_defaults(name):
  cls = samplers.SAMPLERS[name]
  sig = inspect.signature(cls._sample_data)
  d = {}
  for k, p in sig.parameters.items():
    if k in ('self', 'length'):
      continue
    v = p.default
    d[k] = list(v) if isinstance(v, tuple) else v
  return cls.__name__, d


def derived_views(name, fb, feats, b, T):
  """The views run.py builds (permutation pointers, pred as input)."""
  derived = {}
  for d in fb.outputs:
    if d.type_ == specs.Type.SHOULD_BE_PERMUTATION:
      perm, first = probing.predecessor_to_cyclic_predecessor_and_first(np.asarray(d.data[b]))
      derived[d.name + '__permutation_pointer'] = {
          'location': 'node', 'type': 'permutation_pointer',
          'shape': list(np.shape(perm)), 'data': to_list(perm, 'mask')}
      derived[d.name + '_mask'] = {
          'location': 'node', 'type': 'mask_one',
          'shape': list(np.shape(first)), 'data': to_list(first, 'mask')}
  for d in feats.hints:
    if d.name == 'pred_h':
      ph = d.data[:T, b]
      derived['pred_h_is_constant_over_time'] = bool(np.all(ph == ph[0]))
      if name == 'activity_selector':
        derived['pred'] = {'location': 'node', 'type': 'pointer',
                           'note': 'run.py PRED_AS_INPUT: hint pred_h[0] becomes input "pred" and the hint '
                                   'is removed',
                           'shape': list(ph[0].shape), 'data': to_list(ph[0], 'pointer')}
  return derived


def gen_split(name, length, num, seed, sampler_kwargs):
  sampler, _ = clrs.build_sampler(name, num_samples=num, length=length, seed=seed, **sampler_kwargs)
  fb = sampler.next()  # the whole dataset, no RNG use
  feats = fb.features
  lengths = np.asarray(feats.lengths).astype(int)
  insts = []
  for b in range(num):
    T = int(lengths[b])
    inst = {'index': b, 'hint_length_T': T,
            'inputs': {d.name: dp_entry(d, d.data[b]) for d in feats.inputs},
            'outputs': {d.name: dp_entry(d, d.data[b]) for d in fb.outputs},
            'hints': {d.name: dp_entry(d, d.data[:T, b]) for d in feats.hints}}
    derived = derived_views(name, fb, feats, b, T)
    if derived:
      inst['derived_run_py'] = derived
    insts.append(inst)
  kwargs_text = ''.join(f', {k}={v!r}' for k, v in sampler_kwargs.items())
  return {
      'length_n': length, 'num_samples': num, 'seed': seed,
      'call': f"clrs.build_sampler('{name}', num_samples={num}, length={length}, seed={seed}{kwargs_text}).next()",
      'hint_lengths_T': lengths.tolist(),
      'batched_shapes_padded': {
          'inputs': {d.name: list(d.data.shape) for d in feats.inputs},
          'hints': {d.name: list(d.data.shape) for d in feats.hints},
          'outputs': {d.name: list(d.data.shape) for d in fb.outputs}},
      'hints_included': True,
      'instances': insts,
  }


def parse_split(text):
  name, length, num, seed = text.split(':')
  return name, int(length), int(num), int(seed)


def main():
  parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('algos', nargs='*', default=ALGOS)
  parser.add_argument('--out', required=True)
  parser.add_argument('--split', action='append', type=parse_split, default=[])
  parser.add_argument('--ibarz-p', action='store_true')
  parser.add_argument('--suffix', default='', help='appended to each file name, e.g. _s7')
  args = parser.parse_args()
  os.makedirs(args.out, exist_ok=True)
  splits = args.split or DEFAULT_SPLITS
  for name in args.algos:
    cls_name, defaults = sampler_defaults(name)
    kwargs = {'p': ibarz_p(name)} if args.ibarz_p and 'p' in defaults else {}
    doc = {
        'algorithm': name,
        'generator': 'dm-clrs ' + getattr(clrs, '__version__', '?') + ', numpy ' + np.__version__,
        'spec': {k: list(v) for k, v in specs.SPECS[name].items()},
        'sampler_class': cls_name,
        'sampler_kwargs_defaults': defaults,
        'sampler_kwargs': {k: list(v) for k, v in kwargs.items()},
        'conventions': {
            'per_instance_arrays': 'unpadded; hints have leading time axis T = hint_length_T (T includes the '
                                   'initial state at t=0)',
            'rounding': 'floats rounded to 6 decimals; mask/mask_one/categorical/pointer stored as ints',
            'pointer': 'node pointer = index of pointed-to node',
            'mask_one/categorical': 'one-hot over last axis',
        },
        'splits': {s[0]: gen_split(name, s[1], s[2], s[3], kwargs) for s in splits},
    }
    text = json.dumps(doc, separators=(',', ':'))
    path = os.path.join(args.out, name + args.suffix + '.json')
    with open(path, 'w') as f:
      f.write(text)
    print(path, len(text), {k: v['hint_lengths_T'] for k, v in doc['splits'].items()}, flush=True)


if __name__ == '__main__':
  main()
