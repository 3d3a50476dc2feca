"""Whole numbers from what a visitor sends: query parameters and address segments.

``str.isdigit()`` accepts "²" and "١", ``int()`` then fails on the first and takes the
second (and " 7", "+7", "1_000"), refuses more than 4,300 digits, and neither knows how large
an id the database can hold. Views read ids and page numbers through ``positive_int`` (and
URL patterns through ``<id:...>``), so that any other input means "no such thing": a message
or a 404, never a server error.
"""

# The largest id a database integer column holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1
_MAX_DIGITS = len(str(MAX_ID))


def positive_int(value, maximum=MAX_ID):
    """The number written in ``value`` with ASCII digits only, from 1 to ``maximum``; else None."""
    if not isinstance(value, str) or not 0 < len(value) <= _MAX_DIGITS:
        return None
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 1 <= number <= maximum else None


class IdConverter:
    """``<id:name>`` in a URL pattern: an id the database can hold; any other digits are a 404."""

    regex = "[0-9]+"

    def to_python(self, value):
        number = positive_int(value)
        if number is None:
            raise ValueError("not an id the database can hold")  # the pattern does not match
        return number

    def to_url(self, value):
        return str(value)
