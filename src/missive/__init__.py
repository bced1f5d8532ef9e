"""missive: raw transcripts of diplomatic correspondence into a structured, linked,
searchable digital edition."""

__version__ = "0.1.0"
