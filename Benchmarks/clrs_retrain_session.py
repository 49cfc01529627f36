"""Retrains every evaluated candidate of a CLRS session alone with `evoprompting clrs train` and compares.

Issue 15 asks that every seed and evaluated child of a CLRS search can be retrained alone with
`clrs train --processor FILE` to the same parameter count, and score within the noise of training seeds. Training is
deterministic for one training seed, so a retrain at the session's own seed (`--seed` of `run`) should give the
recorded numbers exactly; other training seeds (`--seeds 1,2`) show the spread the search's single run hides.

  python3 Benchmarks/clrs_retrain_session.py sessions/clrs-articulation-points-quick [--seeds 0] [--bin PATH] \
      [--out DIR]

Prints a Markdown table (recorded against retrained params, val and test score per candidate) and writes each
run's JSON to --out.
"""
import argparse
import json
import os
import subprocess


def arguments():
  parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('session')
  parser.add_argument('--seeds', default=None, help='training seeds (default: the session\'s seed)')
  parser.add_argument('--bin', default='.build/release/evoprompting')
  parser.add_argument('--out', default=None, help='folder for the runs\' JSON (default: SESSION/retrained)')
  return parser.parse_args()


def session_settings(session):
  """The task, the seed and the training settings `run` recorded."""
  with open(os.path.join(session, 'session.jsonl')) as log:
    for line in log:
      event = json.loads(line)
      if event.get('type') == 'run_configured':
        return event['task'], event['seed'], event['settings']
  raise SystemExit(f'{session}: no run_configured event')


def train(binary, algorithm, program, settings, seed):
  # `clrs train` trains at dm-clrs's lr 1e-3 and has no option for another; a retrain of a session that changed it
  # would not be the same training.
  if float(settings['lr']) != 1e-3:
    raise SystemExit(f"the session trained at lr {settings['lr']}; clrs train trains at 0.001 only")
  command = [
      binary, 'clrs', 'train', '--algorithm', algorithm, '--processor', program, '--preset',
      settings['clrs_network'], '--steps', settings['steps'], '--batch-size', settings['batch_size'], '--eval-every',
      settings['eval_interval'], '--seed', str(seed), '--json'
  ]
  result = subprocess.run(command, capture_output=True, text=True, check=True)
  return json.loads(result.stdout)


def main():
  options = arguments()
  task, session_seed, settings = session_settings(options.session)
  algorithm = task.split(':', 1)[1]
  seeds = [int(s) for s in options.seeds.split(',')] if options.seeds else [session_seed]
  out = options.out or os.path.join(options.session, 'retrained')
  os.makedirs(out, exist_ok=True)
  report = json.loads(subprocess.run([options.bin, 'report', options.session, '--json'], capture_output=True,
                                     text=True, check=True).stdout)
  print('| candidate | training seed | params recorded / retrained | val recorded / retrained | '
        'test recorded / retrained |')
  print('| --- | --- | --- | --- | --- |')
  for candidate in report['candidates']:
    if candidate['status'] != 'evaluated':
      continue
    program = os.path.join(options.session, 'programs', candidate['id'] + '.py')
    for seed in seeds:
      path = os.path.join(out, f"{candidate['id']}_s{seed}.json")
      if not os.path.exists(path):
        run = train(options.bin, algorithm, program, settings, seed)
        with open(path, 'w') as file:
          json.dump(run, file)
      with open(path) as file:
        run = json.load(file)
      recorded = candidate if seed == session_seed else None  # another seed has nothing recorded to compare

      def pair(key, value, scale=1):
        logged = '-' if recorded is None else f'{scale * recorded[key]:.{0 if scale == 1 else 2}f}'
        return f"{logged} / {scale * value:.{0 if scale == 1 else 2}f}"

      print(f"| {candidate['id']} | {seed} | {pair('params', run['params'])} | "
            f"{pair('val_accuracy', run['val_score'], 100)} | {pair('test_accuracy', run['test_score'], 100)} |",
            flush=True)


if __name__ == '__main__':
  main()
