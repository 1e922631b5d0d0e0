"""Dialogs: the new-event form, the import wizard, the desk's person form, a poster's outline."""
