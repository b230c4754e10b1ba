"""Records of held sessions in one SQLite file: counts, notes and agreements, never names."""
