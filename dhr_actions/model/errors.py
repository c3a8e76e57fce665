"""Why a file could not be read: each a one-line reason for the user."""

from __future__ import annotations


class DocumentError(Exception):
    """A file that cannot be imported. ``str(err)`` is the one-line reason."""


class EmptyFile(DocumentError):
    pass


class NotAPdf(DocumentError):
    pass


class TruncatedPdf(DocumentError):
    pass


class EncryptedPdf(DocumentError):
    """A PDF that needs a user password to be opened."""

    def __init__(self, message: str = "encrypted PDF: a password is needed to open it") -> None:
        super().__init__(message)


class UnreadablePdf(DocumentError):
    pass


class DecompressionBomb(DocumentError):
    """A PDF whose compressed streams inflate far beyond any real page."""
