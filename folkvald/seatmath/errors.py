"""The one error type for bad input, so the command line can turn it into a one-line message."""


class SeatMathError(ValueError):
    """Bad input to a seat calculation; the message names the problem in one line."""
