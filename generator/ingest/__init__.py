"""Ingest (stage 1): article files -> cleaned Articles: decoding, readers per format, clutter set aside, duplicates."""
