"""Imports dm-clrs 2.0.3 without TensorFlow.

`clrs/__init__.py` imports `clrs._src.dataset`, which needs TensorFlow and TensorFlow Datasets only to read the
CLRS-30 dataset files. The samplers, the model and the evaluation do not touch them, so stand-in modules whose
attributes are inert classes let `import clrs` succeed; any real use of TensorFlow would fail loudly.
"""

import sys
import types


class _Inert(type):
  """A class whose attributes are further inert classes (`tfds.core.GeneratorBasedBuilder`, …)."""

  def __getattr__(cls, name):
    if name.startswith('__'):
      raise AttributeError(name)
    return _Inert(name, (), {})

  def __call__(cls, *args, **kwargs):
    return _Inert(cls.__name__, (), {})


def _stand_in(name):
  module = types.ModuleType(name)
  module.__getattr__ = lambda attribute: _Inert(attribute, (), {})
  return module


def import_clrs():
  for name in ('tensorflow', 'tensorflow_datasets'):
    if name not in sys.modules:
      sys.modules[name] = _stand_in(name)
  import clrs  # noqa: E402
  return clrs
