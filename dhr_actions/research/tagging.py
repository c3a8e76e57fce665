"""Theme tags: records tagged as they are imported (the importer's tag
stage), and every stored record re-tagged when the taxonomy changes."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from ..normalise.record import Record
from ..store.models import DocumentTheme, RecordRow, RecordTheme
from ..store.repository import Store
from .learning import ThemeModels
from .themes import Tag, Taxonomy, load_taxonomy, taxonomy_path

BATCH = 2000


def tag_records(records: list[Record], taxonomy_file: str | None = None) -> str:
    """Tag each record with the themes of the taxonomy in ``taxonomy_file``,
    else the one in force (``DHR_TAXONOMY`` or the packaged one); returns
    its digest."""
    taxonomy = load_taxonomy(taxonomy_file or taxonomy_path())
    for record in records:
        record.themes = [(t.theme, t.phrase) for t in taxonomy.tag(record.recommendation, record.action)]
    return taxonomy.digest


def retag(store: Store, taxonomy: Taxonomy, model: ThemeModels | None = None) -> tuple[int, int]:
    """Replace all theme tags in one transaction, by the taxonomy's phrases
    and the learned layer ``model`` over them when given; returns (records,
    tags)."""
    tag = tagger(taxonomy, model)
    digest = tagged_by(taxonomy, model)
    records = tags = 0
    with store.session() as s, s.begin():
        s.execute(delete(RecordTheme))
        batch: list[dict[str, object]] = []
        # Every version of a republished plan, and every copy of a review,
        # prints the same records again: each text is tagged once.
        tagged: dict[tuple[str | None, str | None], list[Tag]] = {}
        for rid, rec, action in s.execute(select(RecordRow.id, RecordRow.recommendation, RecordRow.action)).all():
            records += 1
            if (rec, action) not in tagged:
                tagged[rec, action] = tag(rec, action)
            for t in tagged[rec, action]:
                batch.append({"record_id": rid, "theme": t.theme, "phrase": t.phrase, "taxonomy": digest})
            if len(batch) >= BATCH:
                s.execute(insert(RecordTheme), batch)
                tags += len(batch)
                batch = []
        if batch:
            s.execute(insert(RecordTheme), batch)
            tags += len(batch)
        rebuild_document_themes(s)
    return records, tags


def tagger(taxonomy: Taxonomy, model: ThemeModels | None) -> Callable[..., list[Tag]]:
    """Tags of a record's texts: by the taxonomy's phrases, and the learned
    layer ``model`` over them when given."""
    if model is None:
        return taxonomy.tag
    return lambda *texts: model.tag(taxonomy, *texts)


def tagged_by(taxonomy: Taxonomy, model: ThemeModels | None) -> str:
    """What a tag was made with, as stored beside it: the taxonomy's
    digest, and the model's after a "+"."""
    return taxonomy.digest if model is None else f"{taxonomy.digest}+{model.digest[:7]}"


def rebuild_document_themes(s: Session) -> None:
    """Recount the per-document theme table from the record tags."""
    s.execute(delete(DocumentTheme))
    counts = (
        select(RecordRow.document_id, RecordTheme.theme, func.count())
        .join(RecordRow, RecordTheme.record_id == RecordRow.id)
        .group_by(RecordRow.document_id, RecordTheme.theme)
    )
    s.execute(insert(DocumentTheme).from_select(["document_id", "theme", "records"], counts))
