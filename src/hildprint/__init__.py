"""hildprint: the print shop of a scientific workshop."""

__version__ = "0.1.0"
