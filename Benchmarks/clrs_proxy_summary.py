"""Summarises the runs of clrs_proxy_compare.sh: mean test score per algorithm and implementation, the difference
with its standard error (from the spread between seeds on each side), and the median step times (wall and CPU) with
their ratio.

  python Benchmarks/clrs_proxy_summary.py Benchmarks/clrs_proxy_runs [--seeds 0,1,2]
"""
import argparse
import glob
import json
import os
import statistics


def load(directory, seeds=None):
  runs = {}
  for path in sorted(glob.glob(os.path.join(directory, '*.json'))):
    name = os.path.basename(path)[:-len('.json')]
    implementation, rest = name.split('_', 1)
    algorithm, seed = rest.rsplit('_s', 1)
    if seeds is not None and int(seed) not in seeds:
      continue
    with open(path) as f:
      runs.setdefault((algorithm, implementation), []).append((int(seed), json.load(f)))
  return runs


def standard_error(a, b):
  """The standard error of mean(a) - mean(b) from each side's spread between seeds ("-" with one seed a side)."""
  if len(a) < 2 or len(b) < 2:
    return '-'
  return f"{(statistics.variance(a) / len(a) + statistics.variance(b) / len(b)) ** 0.5:.1f}"


def main():
  parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('directory', nargs='?', default='Benchmarks/clrs_proxy_runs')
  parser.add_argument('--seeds', type=lambda text: {int(x) for x in text.split(',')}, help='only these seeds')
  arguments = parser.parse_args()
  runs = load(arguments.directory, arguments.seeds)
  algorithms = sorted({algorithm for algorithm, _ in runs})
  print('| algorithm | params | test score, evoprompting (seeds) | test score, dm-clrs (seeds) | mean difference '
        '| standard error | val score evo / dm-clrs | ms per step evo / dm-clrs (median) | ratio | CPU ms per step evo / dm-clrs | '
        'CPU ratio |')
  print('|---|---|---|---|---|---|---|---|---|---|---|')
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
          f"| {standard_error(test_ours, test_theirs)} "
          f"| {statistics.mean(val_ours):.1f} / {statistics.mean(val_theirs):.1f} "
          f"| {ms(ours, 'ms_per_step'):.0f} / {ms(theirs, 'ms_per_step'):.0f} | {ratio:.2f} "
          f"| {ms(ours, 'cpu_ms_per_step'):.0f} / {ms(theirs, 'cpu_ms_per_step'):.0f} | {cpu_ratio:.2f} |")
  if all_ratios:
    print(f"\nStep time ratio (evoprompting / dm-clrs), per algorithm: {', '.join(f'{r:.2f}' for r in all_ratios)} "
          f"wall; {', '.join(f'{r:.2f}' for r in all_cpu)} CPU.")


if __name__ == '__main__':
  main()
