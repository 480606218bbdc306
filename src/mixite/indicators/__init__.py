"""Pure computation of the legal and diagnostic indicators (no Django)."""
