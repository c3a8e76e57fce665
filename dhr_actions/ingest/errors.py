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
    pass


class UnreadablePdf(DocumentError):
    pass
