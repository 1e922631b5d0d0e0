"""Imported by the process that forks badge workers: loads reportlab and every bundled
font once, so each worker starts with them ready and shares their memory."""

import gc

from hildprint.core.layout.fonts import bundled_fonts
from hildprint.core.render import batch  # noqa: F401  (the workers' code)

for _face in bundled_fonts().faces:
    _face.font_name(False)
    _face.font_name(True)

gc.freeze()  # keep the collector from writing to (and so un-sharing) the fonts in workers
