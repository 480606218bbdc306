"""The canonical workforce table, its readers, mapping and validation (no Django)."""
