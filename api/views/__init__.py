"""API views, one module per resource; each parses, calls the service or selector the pages use, answers."""
