"""The ``hildprint`` command: the core's services from a shell, without Qt.

One module per group of commands (``events``, ``badges``, ``documents``, ``posters``,
``desk``), the shared printing and option parsing in ``output``, the parser and the exit
codes in ``app``. Every command reaches the core through :mod:`hildprint.core.services`.
"""

from hildprint.cli.app import main

__all__ = ["main"]
