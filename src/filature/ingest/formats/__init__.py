"""Readers for formats other than plain text: each turns one file's bytes into a ``FormatText``."""
