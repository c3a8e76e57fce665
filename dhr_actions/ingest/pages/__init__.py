"""Pages: read into words and rules (``reading``), the pages that can hold
a plan chosen before any is read in full (``triage``), running headers and
footers set apart (``furniture``), and a sheet printed across several
pages put back side by side (``panels``)."""

from .reading import PageContent, PageText, page_content, phrase_gap

__all__ = ["PageContent", "PageText", "page_content", "phrase_gap"]
