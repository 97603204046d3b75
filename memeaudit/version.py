"""The package version, in a module that imports nothing (the build reads it here too)."""

__version__ = "0.1.0"
