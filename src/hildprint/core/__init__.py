"""Everything hildprint does, without Qt: model, event file, importers, layout, checks."""
