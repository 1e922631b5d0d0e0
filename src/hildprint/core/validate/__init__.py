"""Poster checks: poster PDFs and images against venues' rule sets, in sandboxed workers."""
