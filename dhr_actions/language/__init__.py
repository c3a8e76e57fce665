"""Words: how common an English word is (``lexicon``, for mending text cut
by a page or misread by OCR) and the words plans head their columns with
(``vocabulary``, mapping any label onto a field of the record)."""

from .vocabulary import best_field, header_fields

__all__ = ["best_field", "header_fields"]
