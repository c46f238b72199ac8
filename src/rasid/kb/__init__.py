"""The actor knowledge base: data files under ``rasid/kb/data`` and their readers."""
