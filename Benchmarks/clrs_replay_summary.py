"""Summarises the paired runs of clrs_replay_compare.sh: per algorithm and seed, dm-clrs's best validation score and
the test score of that checkpoint against the Swift replay's, the difference, and the first step whose losses differ
by more than 1% (float rounding grows through training until the two trajectories part); then the mean test scores,
their mean paired difference and its standard error (the spread of the paired differences over the root of the
number of seeds). Where $OUT/nudged holds dm-clrs's control runs (clrs_replay_compare.sh with NUDGE), each row also
shows dm-clrs against itself with its initial parameters nudged in the seventh digit, and the root-mean-square of
both kinds of difference is printed: how far float rounding alone moves a run, next to how far the Swift replay is.

  python Benchmarks/clrs_replay_summary.py Benchmarks/clrs_replay_runs
"""
import argparse
import glob
import json
import os
import statistics


def load(directory):
  runs = {}
  for path in sorted(glob.glob(os.path.join(directory, 'dmclrs_*.json'))):
    name = os.path.basename(path)[len('dmclrs_'):-len('.json')]
    algorithm, seed = name.rsplit('_s', 1)
    swift = os.path.join(directory, f'evoprompting_{name}.json')
    if not os.path.exists(swift):
      continue
    with open(path) as f, open(swift) as g:
      runs.setdefault(algorithm, []).append((int(seed), json.load(f), json.load(g)))
  return runs


def nudged(directory, algorithm, seed):
  path = os.path.join(directory, 'nudged', f'dmclrs_{algorithm}_s{seed}.json')
  if not os.path.exists(path):
    return None
  with open(path) as f:
    return json.load(f)


def rms(values):
  return (sum(v * v for v in values) / len(values)) ** 0.5 if values else float('nan')


def parting_step(reference, ours, threshold=0.01):
  """The first step whose losses differ by more than `threshold` relative ('-' if none)."""
  for a, b in zip(reference['curve'], ours['curve']):
    if abs(a['loss'] - b['loss']) > threshold * max(abs(a['loss']), 1e-3):
      return a['step']
  return '-'


def main():
  parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('directory', nargs='?', default='Benchmarks/clrs_replay_runs')
  arguments = parser.parse_args()
  runs = load(arguments.directory)
  print('| algorithm | seed | dm-clrs val / test | replay val / test | test difference | losses part at step '
        '| dm-clrs nudged val / test | its test difference | its losses part at step |')
  print('|---|---|---|---|---|---|---|---|---|')
  summary = []
  control = []
  for algorithm in sorted(runs):
    differences = []
    for seed, reference, ours in sorted(runs[algorithm], key=lambda run: run[0]):
      difference = 100 * (ours['test_score'] - reference['test_score'])
      differences.append(difference)
      row = (f"| {algorithm} | {seed} | {100 * reference['val_score']:.1f} / {100 * reference['test_score']:.1f} | "
             f"{100 * ours['val_score']:.1f} / {100 * ours['test_score']:.1f} | {difference:+.1f} | "
             f"{parting_step(reference, ours)} |")
      other = nudged(arguments.directory, algorithm, seed)
      if other is None:
        print(row + ' | | |')
      else:
        own = 100 * (other['test_score'] - reference['test_score'])
        control.append((algorithm, difference, own))
        print(row + f" {100 * other['val_score']:.1f} / {100 * other['test_score']:.1f} | {own:+.1f} | "
              f"{parting_step(reference, other)} |")
    reference_mean = statistics.mean(100 * r['test_score'] for _, r, _ in runs[algorithm])
    ours_mean = statistics.mean(100 * o['test_score'] for _, _, o in runs[algorithm])
    error = statistics.stdev(differences) / len(differences) ** 0.5 if len(differences) > 1 else float('nan')
    summary.append((algorithm, len(differences), reference_mean, ours_mean, statistics.mean(differences), error))
  print()
  print('| algorithm | seeds | mean test, dm-clrs | mean test, replay | mean difference | standard error |')
  print('|---|---|---|---|---|---|')
  for algorithm, count, reference_mean, ours_mean, difference, error in summary:
    print(f'| {algorithm} | {count} | {reference_mean:.2f} | {ours_mean:.2f} | **{difference:+.2f}** | {error:.1f} |')
  for algorithm in sorted({name for name, _, _ in control}):
    pairs = [(replay, own) for name, replay, own in control if name == algorithm]
    print(f'\n{algorithm}, the {len(pairs)} seeds with a control: root-mean-square test difference, Swift replay '
          f'against dm-clrs {rms([p[0] for p in pairs]):.1f} points; dm-clrs nudged against dm-clrs '
          f'{rms([p[1] for p in pairs]):.1f} points.')


if __name__ == '__main__':
  main()
