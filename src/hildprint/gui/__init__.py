"""The window: PySide6 only here. It reaches the core through ``hildprint.core.services`` alone."""
