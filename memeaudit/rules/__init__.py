"""Knowledge and rules: the YAML schema, the loader, and the engine that writes sections."""
