"""Reusable widgets: record tables and their models, previews, the posters and print views."""
