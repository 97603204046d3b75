"""Knowledge: the YAML schema, the loader, and the data files (kb/, packs/)."""
