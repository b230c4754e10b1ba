"""Proposing an item id from a title (the rules live in ``gesprek.content.ids``)."""

from gesprek.content.ids import ID_MAX, ID_RE, free_id, is_valid, propose_id

__all__ = ["ID_MAX", "ID_RE", "free_id", "is_valid", "propose_id"]
