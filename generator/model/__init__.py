"""Stage 2: one pydantic model per kind, the kind registry, and validation of loaded data.
Imports pydantic and generator.load (for the source map of a document)."""
