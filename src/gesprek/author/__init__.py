"""Tools for authors: the ``gesprek nieuw`` wizard, the YAML writer, id proposals and the
GitHub annotations of ``gesprek check --formaat github``."""
