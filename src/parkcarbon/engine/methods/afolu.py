"""AFOLU (placeholder)."""
METHODS = ()
