#!/usr/bin/env python
"""Django's manage.py; the `folkvald` command does the same and more."""

import sys

from folkvald.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
