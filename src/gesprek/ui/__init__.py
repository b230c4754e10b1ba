"""Terminal rendering (rich) and the interactive session."""

from gesprek.ui.rich_patches import guard_rich

guard_rich()  # no escape sequence from content, a label or a note reaches the screen
