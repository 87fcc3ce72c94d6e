"""Models of the agenda app."""
