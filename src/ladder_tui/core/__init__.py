"""The pure core: models, storage, scoring and reports. Never imports Textual."""
