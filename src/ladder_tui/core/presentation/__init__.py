"""Presentation without Textual: the summary as one document, its renderings, safe text and outlines."""
