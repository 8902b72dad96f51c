"""The database layer: models, engines, migrations and loading a validated dataset."""
