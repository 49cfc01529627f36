"""Summarises the runs of clrs_proxy_compare.sh: mean test score per algorithm and implementation, the difference,
and the median step times (wall and CPU) with their ratio.

  python Benchmarks/clrs_proxy_summary.py Benchmarks/clrs_proxy_runs
"""
import glob
import json
import os
import statistics
import sys


def load(directory):
  runs = {}
  for path in sorted(glob.glob(os.path.join(directory, '*.json'))):
    name = os.path.basename(path)[:-len('.json')]
    implementation, rest = name.split('_', 1)
    algorithm, seed = rest.rsplit('_s', 1)
    with open(path) as f:
      runs.setdefault((algorithm, implementation), []).append((int(seed), json.load(f)))
  return runs


def main():
  directory = sys.argv[1] if len(sys.argv) > 1 else 'Benchmarks/clrs_proxy_runs'
  runs = load(directory)
  algorithms = sorted({algorithm for algorithm, _ in runs})
  print('| algorithm | params | test score, evoprompting (seeds) | test score, dm-clrs (seeds) | mean difference '
        '| val score evo / dm-clrs | ms per step evo / dm-clrs (median) | ratio | CPU ms per step evo / dm-clrs | '
        'CPU ratio |')
  print('|---|---|---|---|---|---|---|---|---|---|')
  all_ratios, all_cpu = [], []
  for algorithm in algorithms:
    ours = sorted(runs.get((algorithm, 'evoprompting'), []))
    theirs = sorted(runs.get((algorithm, 'dmclrs'), []))
    if not ours or not theirs:
      continue

    def scores(r, key):
      return [100 * run[key] for _, run in r]

    def ms(r, key):
      return statistics.median([run[key] for _, run in r])

    test_ours, test_theirs = scores(ours, 'test_score'), scores(theirs, 'test_score')
    val_ours, val_theirs = scores(ours, 'val_score'), scores(theirs, 'val_score')
    ratio = ms(ours, 'ms_per_step') / ms(theirs, 'ms_per_step')
    cpu_ratio = ms(ours, 'cpu_ms_per_step') / ms(theirs, 'cpu_ms_per_step')
    all_ratios.append(ratio)
    all_cpu.append(cpu_ratio)
    print(f"| {algorithm} | {ours[0][1]['params']} / {theirs[0][1]['params']} "
          f"| {statistics.mean(test_ours):.2f} ({', '.join(f'{x:.1f}' for x in test_ours)}) "
          f"| {statistics.mean(test_theirs):.2f} ({', '.join(f'{x:.1f}' for x in test_theirs)}) "
          f"| {statistics.mean(test_ours) - statistics.mean(test_theirs):+.2f} "
          f"| {statistics.mean(val_ours):.1f} / {statistics.mean(val_theirs):.1f} "
          f"| {ms(ours, 'ms_per_step'):.0f} / {ms(theirs, 'ms_per_step'):.0f} | {ratio:.2f} "
          f"| {ms(ours, 'cpu_ms_per_step'):.0f} / {ms(theirs, 'cpu_ms_per_step'):.0f} | {cpu_ratio:.2f} |")
  if all_ratios:
    print(f"\nStep time ratio (evoprompting / dm-clrs), per algorithm: {', '.join(f'{r:.2f}' for r in all_ratios)} "
          f"wall; {', '.join(f'{r:.2f}' for r in all_cpu)} CPU.")


if __name__ == '__main__':
  main()
