"""Errors a user can act on. The CLI prints them as one line, never a traceback."""


class SitrepError(Exception):
    """Base class: anything sitrep raises on purpose."""


class InputError(SitrepError):
    """The input cannot be turned into an English news text (empty, binary, unreadable...)."""


class FetchError(InputError):
    """A URL could not be fetched (unreachable, refused, too large, not text)."""


class DataError(SitrepError):
    """A data file (gazetteer, actor dictionary, gold file) is missing or malformed."""
