"""The section writers: facts and knowledge in, the report's five sections out."""
