"""The ``mixite`` command line (Typer + Rich)."""
