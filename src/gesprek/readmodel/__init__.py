"""The read model: a held session read back from the records as one typed structure
(``held.HeldSession``), with each stored item snapshot decoded once and small phone
counts masked once. ``resultaten``, the deck and handout of a session, ``export`` and
``overzicht`` all read through it. It sits just above ``content`` and ``store``."""
