"""gesprek: run a good team conversation about integrity."""

__version__ = "0.1.0"
