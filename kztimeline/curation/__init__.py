"""Curated seeds: reading YAML with positions, validating it, and producing rows ready to load."""
