"""Terminal rendering (rich) and the interactive session."""
