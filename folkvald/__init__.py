"""folkvald: the work of a local party branch across an election cycle."""

__version__ = "0.1.0"
