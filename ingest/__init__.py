"""Ingest: read raw article files from a landing folder into the warehouse's `raw` schema."""
