"""Publish (stage 5): pages from templates, page metadata, addresses (urls), and the export files."""
