"""Renderers: each draws one kind of document as PDF into a binary stream and returns what it did."""
