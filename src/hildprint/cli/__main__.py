"""``python -m hildprint.cli``: the same as the ``hildprint`` command."""

import sys

from hildprint.cli.app import main

sys.exit(main())
