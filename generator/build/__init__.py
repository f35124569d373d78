"""Build: the pipeline end to end, its caches, output folders (atomic swap, lock) and progress."""
