"""Exports for trainers: the PowerPoint deck and the printable handout."""
