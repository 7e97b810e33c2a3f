"""filature: a map of the actors a folder of documents names, explored in a terminal."""

__version__ = "0.1.0"
