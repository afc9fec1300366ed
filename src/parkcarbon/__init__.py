"""ParkCarbon: carbon management for industrial parks."""

__version__ = "0.1.0"
