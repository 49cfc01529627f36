"""Statistics of dm-clrs 2.0.3's samplers, the reference for the Swift samplers' (TasksTests CLRSSamplerTests).

For each of the ten algorithms and each setting, draws the samples with clrs.build_sampler(...).next() and records
the hint length T (mean, std, max), for graphs the off-diagonal edge density and the self-loop rate, for weighted
graphs the mean edge weight, and for mask outputs the fraction of positives.

Settings:
  clrs30_n16:  build_sampler(algo, num_samples=1000, length=16, seed=1): the CLRS-30 train split's first 1000
               samples (default p: 0.2 for articulation_points and mst_kruskal, 0.5 for the other graphs).
  ibarz_n7:    run.py's training p ranges (0.1..0.9, halved for articulation_points and mst_kruskal), 4,000
               samples at n=7, seed 2 (more samples: p varies per sample, so the density varies more).

  .venv-clrs/bin/python scripts/make_clrs_sampler_stats.py > Tests/TasksTests/Fixtures/clrs/sampler_stats.json
"""
import json
import sys
import warnings

import numpy as np

warnings.filterwarnings('ignore')

import clrs  # noqa: E402

ALGOS = ['articulation_points', 'graham_scan', 'mst_kruskal', 'bfs', 'dfs',
         'dijkstra', 'insertion_sort', 'bellman_ford', 'topological_sort',
         'activity_selector']
LOW_P_ALGOS = ('articulation_points', 'mst_kruskal')
GRAPH_ALGOS = ('articulation_points', 'mst_kruskal', 'bfs', 'dfs', 'dijkstra', 'bellman_ford', 'topological_sort')
SETTINGS = [('clrs30_n16', 16, 1000, 1, False), ('ibarz_n7', 7, 4000, 2, True)]


def ibarz_p(name):
  p = tuple(0.1 + 0.1 * i for i in range(9))
  return tuple(np.array(p) / 2) if name in LOW_P_ALGOS else p


def stats(name, length, num, seed, ibarz):
  kwargs = {'p': ibarz_p(name)} if ibarz and name in GRAPH_ALGOS else {}
  sampler, _ = clrs.build_sampler(name, num_samples=num, length=length, seed=seed, **kwargs)
  fb = sampler.next()
  lengths = np.asarray(fb.features.lengths, dtype=np.float64)
  out = {'length_n': length, 'num_samples': num, 'seed': seed,
         'sampler_kwargs': {k: [float(x) for x in v] for k, v in kwargs.items()},
         'hint_length_mean': float(lengths.mean()), 'hint_length_std': float(lengths.std()),
         'hint_length_max': int(lengths.max())}
  inputs = {d.name: np.asarray(d.data) for d in fb.features.inputs}
  if name in GRAPH_ALGOS:
    a = inputs['A']
    off = ~np.eye(length, dtype=bool)
    out['edge_density'] = float((a[:, off] != 0).mean())
    out['self_loop_rate'] = float((np.diagonal(a, axis1=1, axis2=2) != 0).mean())
    if name in ('mst_kruskal', 'dijkstra', 'bellman_ford'):
      out['edge_weight_mean'] = float(a[a != 0].mean())
  for d in fb.outputs:
    if d.type_ == 'mask':
      out[d.name + '_positive_rate'] = float((np.asarray(d.data) > 0.5).mean())
  return out


def main():
  result = {'generator': 'dm-clrs ' + clrs.__version__ + ', numpy ' + np.__version__,
            'script': 'scripts/make_clrs_sampler_stats.py', 'algorithms': {}}
  for name in ALGOS:
    result['algorithms'][name] = {}
    for key, length, num, seed, ibarz in SETTINGS:
      result['algorithms'][name][key] = stats(name, length, num, seed, ibarz)
      print(name, key, result['algorithms'][name][key], file=sys.stderr, flush=True)
  print(json.dumps(result, indent=1))


if __name__ == '__main__':
  main()
