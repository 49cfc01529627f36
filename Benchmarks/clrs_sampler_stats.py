"""The Swift CLRS samplers' statistics next to dm-clrs 2.0.3's (Tests/TasksTests/Fixtures/clrs/sampler_stats.json,
made by scripts/make_clrs_sampler_stats.py), as a markdown table.

  python3 Benchmarks/clrs_sampler_stats.py .build/release/evoprompting [--seed 14] > Benchmarks/clrs_sampler_stats.md

Uses only the standard library: the reference side is the committed fixture.
"""
import argparse
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, 'Tests', 'TasksTests', 'Fixtures', 'clrs', 'sampler_stats.json')
SETTINGS = [('clrs30_n16', 'clrs30', 16, 1000), ('ibarz_n7', 'ibarz', 7, 4000)]


def swift_stats(binary, algorithm, p, n, samples, seed):
  out = subprocess.run([binary, 'clrs', 'stats', '--algorithm', algorithm, '--p', p, '--n', str(n),
                        '--samples', str(samples), '--seed', str(seed), '--json'],
                       check=True, capture_output=True, text=True).stdout
  return json.loads(out)


def rel(ours, ref):
  return f'{100 * (ours - ref) / ref:+.1f}%' if ref else 'n/a'


def main():
  parser = argparse.ArgumentParser()
  parser.add_argument('binary')
  parser.add_argument('--seed', type=int, default=14)
  args = parser.parse_args()
  reference = json.load(open(FIXTURE))
  print(f'# CLRS sampler statistics: Swift (seed {args.seed}) against dm-clrs 2.0.3\n')
  print(f'Reference: {reference["generator"]}, `scripts/make_clrs_sampler_stats.py`. '
        f'Swift: `evoprompting clrs stats --algorithm A --p P --n N --samples S --seed {args.seed} --json`.\n')
  for key, p, n, samples in SETTINGS:
    print(f'\n## {key}: p = {p}, n = {n}, {samples} samples each side\n')
    print('| algorithm | mean T ref | mean T swift | diff | max T ref / swift | edge density ref | swift | diff '
          '| self-loops ref / swift |')
    print('|---|---|---|---|---|---|---|---|---|')
    for algorithm, settings in reference['algorithms'].items():
      ref = settings[key]
      ours = swift_stats(args.binary, algorithm, p, n, samples, args.seed)
      row = [algorithm, f'{ref["hint_length_mean"]:.3f}', f'{ours["hint_length_mean"]:.3f}',
             rel(ours['hint_length_mean'], ref['hint_length_mean']),
             f'{ref["hint_length_max"]} / {ours["hint_length_max"]}']
      if 'edge_density' in ref:
        row += [f'{ref["edge_density"]:.5f}', f'{ours["edge_density"]:.5f}',
                rel(ours['edge_density'], ref['edge_density']),
                f'{ref["self_loop_rate"]:.4f} / {ours["self_loop_rate"]:.4f}']
      else:
        row += ['-', '-', '-', '-']
      print('| ' + ' | '.join(row) + ' |')


if __name__ == '__main__':
  main()
