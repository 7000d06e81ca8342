"""Background jobs users start and watch: exports and imports, with progress and errors."""
