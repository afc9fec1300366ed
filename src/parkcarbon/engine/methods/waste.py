"""Waste (placeholder)."""
METHODS = ()
