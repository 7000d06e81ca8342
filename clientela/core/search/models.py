"""Models of the global search index."""
