"""Scores computed by dm-clrs 2.0.3's `clrs.evaluate` (evaluation.py) on small hand-made output arrays: the
reference for the Swift CLRSEvaluation (TasksTests CLRSEvaluationTests).

Each case has truth outputs and hard predictions (what the model's hard post-processing gives: 0/1 masks, one-hot
mask_one/categorical, pointer indices, one-hot permutation matrices) and dm-clrs's per-output scores and `score`.
The `pooled` case also stores two batches: run.py concatenates a split's batches before one `evaluate`, so mask F1
is pooled over the split (its per-batch F1s are stored too, to show the difference).

  .venv-clrs/bin/python scripts/make_clrs_eval_fixtures.py > Tests/TasksTests/Fixtures/clrs/evaluation.json
"""
import json
import warnings

import numpy as np

warnings.filterwarnings('ignore')

import clrs  # noqa: E402
from clrs._src import probing  # noqa: E402

DP = probing.DataPoint
rng = np.random.RandomState(14)


def entry(dp):
  return {'name': dp.name, 'location': dp.location, 'type': dp.type_, 'shape': list(dp.data.shape),
          'data': np.asarray(dp.data, dtype=np.float64).ravel().tolist()}


def one_hot(index, n):
  return np.eye(n)[index]


def random_mask(shape, p):
  return (rng.uniform(size=shape) < p).astype(np.float64)


def random_pointers(b, n):
  return rng.randint(0, n, size=(b, n)).astype(np.float64)


def random_permutations(b, n):
  """One-hot permutation matrices of random orders plus the mask of each first node, as run.py encodes them."""
  perms, masks = [], []
  for _ in range(b):
    order = rng.permutation(n)
    pointers = np.arange(n)
    for i in range(1, n):
      pointers[order[i]] = order[i - 1]
    perm, first = probing.predecessor_to_cyclic_predecessor_and_first(pointers)
    perms.append(np.asarray(perm))
    masks.append(np.asarray(first))
  return np.stack(perms).astype(np.float64), np.stack(masks).astype(np.float64)


def case(name, outputs, predictions):
  evals = clrs.evaluate(tuple(outputs), {p.name: p for p in predictions})
  return {'name': name, 'outputs': [entry(o) for o in outputs],
          'predictions': [entry(p) for p in predictions],
          'expected': {k: float(v) for k, v in evals.items()}}


def main():
  cases = []
  b, n = 5, 9
  truth = random_mask((b, n), 0.3)
  cases.append(case('articulation_points', [DP('is_cut', 'node', 'mask', truth)],
                    [DP('is_cut', 'node', 'mask', np.where(rng.uniform(size=(b, n)) < 0.8, truth, 1 - truth))]))
  cases.append(case('mask_all_negative_predictions', [DP('is_cut', 'node', 'mask', truth)],
                    [DP('is_cut', 'node', 'mask', np.zeros((b, n)))]))
  cases.append(case('mask_no_positives_anywhere', [DP('is_cut', 'node', 'mask', np.zeros((b, n)))],
                    [DP('is_cut', 'node', 'mask', np.zeros((b, n)))]))
  masked = random_mask((b, n), 0.4)
  masked[rng.uniform(size=(b, n)) < 0.25] = -1
  cases.append(case('mask_with_masked_entries', [DP('selected', 'node', 'mask', masked)],
                    [DP('selected', 'node', 'mask', random_mask((b, n), 0.5))]))
  edges = random_mask((3, 6, 6), 0.3)
  edges = np.maximum(edges, np.transpose(edges, (0, 2, 1)))
  cases.append(case('mst_kruskal', [DP('in_mst', 'edge', 'mask', edges)],
                    [DP('in_mst', 'edge', 'mask', random_mask((3, 6, 6), 0.3))]))
  topo = random_pointers(4, 7)
  heads = one_hot(rng.randint(0, 7, size=4), 7)
  cases.append(case('topological_sort',
                    [DP('topo', 'node', 'pointer', topo), DP('topo_head', 'node', 'mask_one', heads)],
                    [DP('topo', 'node', 'pointer', np.where(rng.uniform(size=(4, 7)) < 0.6, topo,
                                                            random_pointers(4, 7))),
                     DP('topo_head', 'node', 'mask_one', one_hot(rng.randint(0, 7, size=4), 7))]))
  perm, first = random_permutations(4, 6)
  pred_perm, pred_first = random_permutations(4, 6)
  pred_perm[:2], pred_first[:1] = perm[:2], first[:1]
  cases.append(case('insertion_sort',
                    [DP('pred', 'node', 'permutation_pointer', perm), DP('pred_mask', 'node', 'mask_one', first)],
                    [DP('pred', 'node', 'permutation_pointer', pred_perm),
                     DP('pred_mask', 'node', 'mask_one', pred_first)]))
  cats = one_hot(rng.randint(0, 3, size=(4, 5)), 3)
  cats[0, 1] = -1
  cats[2, 3] = -1
  cases.append(case('categorical_with_masked_nodes', [DP('color', 'node', 'categorical', cats)],
                    [DP('color', 'node', 'categorical', one_hot(rng.randint(0, 3, size=(4, 5)), 3))]))
  scalars = rng.uniform(size=(3, 4))
  cases.append(case('scalar', [DP('d', 'node', 'scalar', scalars)],
                    [DP('d', 'node', 'scalar', scalars + rng.normal(scale=0.1, size=(3, 4)))]))

  # Pooled over a split: two batches concatenated (run.py's collect_and_eval), F1 from pooled counts.
  t1, t2 = random_mask((4, 8), 0.1), random_mask((4, 8), 0.5)
  p1, p2 = random_mask((4, 8), 0.2), np.where(rng.uniform(size=(4, 8)) < 0.7, t2, 1 - t2)
  pooled = case('pooled', [DP('is_cut', 'node', 'mask', np.concatenate([t1, t2]))],
                [DP('is_cut', 'node', 'mask', np.concatenate([p1, p2]))])
  pooled['batches'] = [
      {'outputs': [entry(DP('is_cut', 'node', 'mask', t))], 'predictions': [entry(DP('is_cut', 'node', 'mask', p))],
       'expected_alone': float(clrs.evaluate((DP('is_cut', 'node', 'mask', t),),
                                             {'is_cut': DP('is_cut', 'node', 'mask', p)})['score'])}
      for t, p in ((t1, p1), (t2, p2))]
  cases.append(pooled)
  print(json.dumps({'generator': 'dm-clrs ' + clrs.__version__ + ', numpy ' + np.__version__,
                    'script': 'scripts/make_clrs_eval_fixtures.py', 'cases': cases}, indent=None))


if __name__ == '__main__':
  main()
