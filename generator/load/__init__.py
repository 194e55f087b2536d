"""Stage 1: files -> plain data with a source map (key path -> line/column), and diagnostics.
Imports only yaml and generator.diagnostics; document.py is the entry point."""
