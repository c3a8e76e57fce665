"""Word, Excel and OpenDocument files read directly: the samples' records,
the same records as the PDF printed from each file, the reader's features on
small built documents, and hostile files refused with one-line reasons."""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

import pytest
from conftest import OFFICE_FILES, SAMPLES, expected_records, needs_soffice, squash

from dhr_actions import extract_document
from dhr_actions.model.errors import DocumentError
from dhr_actions.office.formats import Format, detect

DIRECT = [p for p in OFFICE_FILES if p.suffix in (".docx", ".xlsx")]
CONVERTED = [p for p in OFFICE_FILES if p not in DIRECT]


def _records(path: Path) -> list[dict[str, object]]:
    return [{k: squash(v) for k, v in r.export().items() if k != "document"} for r in extract_document(path).records]


def test_office_samples_exist() -> None:
    assert len(DIRECT) >= 8 and {p.suffix for p in CONVERTED} >= {".doc", ".odt", ".rtf", ".xls", ".ods"}


@pytest.mark.parametrize("path", DIRECT, ids=lambda p: p.name)
def test_word_and_excel_files_read_to_their_records(path: Path) -> None:
    want = [{k: squash(v) for k, v in r.items() if k != "document"} for r in expected_records(path)]
    assert _records(path) == want
    assert all(r.extractor == path.suffix[1:] for r in extract_document(path).records)


@pytest.mark.parametrize("path", DIRECT, ids=lambda p: p.name)
def test_a_file_and_the_pdf_printed_from_it_agree(path: Path) -> None:
    assert _records(path) == _records(path.with_suffix(".pdf"))


@needs_soffice
@pytest.mark.parametrize("path", CONVERTED, ids=lambda p: p.name)
def test_older_and_opendocument_formats_are_converted(path: Path) -> None:
    result = extract_document(path)
    want = [{k: squash(v) for k, v in r.items() if k != "document"} for r in expected_records(path)]
    assert _records(path) == want
    assert any(n.startswith(f"converted from .{path.suffix[1:]} to .") for n in result.notes)


def test_the_bytes_decide_not_the_name(tmp_path: Path) -> None:
    word = tmp_path / "plan.pdf"
    shutil.copy(SAMPLES / "harbourside-dhr-mr-e.docx", word)
    pdf = tmp_path / "plan.docx"
    shutil.copy(SAMPLES / "harbourside-dhr-mr-e.pdf", pdf)
    assert detect(word) is Format.DOCX and detect(pdf) is Format.PDF
    assert _records(word) == _records(pdf)
    assert detect(SAMPLES / "fenwick-dhr-2019-02.xls") is Format.XLS
    assert detect(SAMPLES / "harbourside-dhr-mr-e.doc") is Format.DOC


# -- the Word reader on built documents ----------------------------------------
def _word(path: Path, build) -> Path:  # type: ignore[no-untyped-def]
    from docx import Document

    doc = Document()
    build(doc)
    doc.save(str(path))
    return path


def _fill(row, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    for cell, value in zip(row.cells, values, strict=True):
        cell.text = value


HEADER = ["Recommendation", "Action", "Lead", "Target date"]


def test_word_merged_cells_nested_tables_and_numbering(tmp_path: Path) -> None:
    """A recommendation merged down over two actions fills down; a row that
    is one cell across the table is a section; a table nested in a cell is
    read into the cell's text; list numbering gives the references."""

    def build(doc) -> None:  # type: ignore[no-untyped-def]
        table = doc.add_table(rows=1, cols=5)
        _fill(table.rows[0], ["No", *HEADER])
        section = table.add_row()
        section.cells[0].merge(section.cells[-1]).text = "Agency: Police"
        for values in (
            ["", "Train call handlers.", "Write the course.", "Inspector", "June 2024"],
            ["", "", "Audit twenty calls.", "Sergeant", "July 2024"],
            ["", "Share records.", "Agree a protocol.", "Head of Service", "2025"],
        ):
            _fill(table.add_row(), values)
        table.cell(2, 1).merge(table.cell(3, 1))  # the recommendation over two actions
        for r in (2, 4):
            table.cell(r, 0).paragraphs[0].style = doc.styles["List Number"]
        nested = table.cell(4, 2).add_table(rows=2, cols=2)
        _fill(nested.rows[0], ["Step 1", "Draft"])
        _fill(nested.rows[1], ["Step 2", "Sign off"])

    records = extract_document(_word(tmp_path / "built.docx", build)).records
    assert [(r.ref, r.section, r.recommendation, r.lead) for r in records] == [
        ("1", "Agency: Police", "Train call handlers.", "Inspector"),
        ("1", "Agency: Police", "Train call handlers.", "Sergeant"),
        ("2", "Agency: Police", "Share records.", "Head of Service"),
    ]
    assert records[2].action == "Agree a protocol.\nStep 1 Draft\nStep 2 Sign off"


def test_word_headings_between_tables_name_sections(tmp_path: Path) -> None:
    def build(doc) -> None:  # type: ignore[no-untyped-def]
        doc.add_paragraph("Harbourside DHR – Action Plan")
        for agency, rec in (("Police", "1. Train call handlers."), ("Housing", "2. Ask about abuse.")):
            doc.add_paragraph(agency)
            table = doc.add_table(rows=1, cols=4)
            _fill(table.rows[0], HEADER)
            _fill(table.add_row(), [rec, "Write the course.", "Manager", "March 2024"])

    records = extract_document(_word(tmp_path / "sections.docx", build)).records
    assert [(r.ref, r.section) for r in records] == [("1", "Police"), ("2", "Housing")]


def test_word_header_on_two_rows_with_only_the_first_marked(tmp_path: Path) -> None:
    """ "Monitoring" merged over "Target date" and "Date completed", the
    other labels merged down: the second row is header too, though only the
    first repeats as one (an RTF or LibreOffice round trip keeps one mark)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def build(doc) -> None:  # type: ignore[no-untyped-def]
        table = doc.add_table(rows=2, cols=5)
        _fill(table.rows[0], ["Ref", "Recommendation", "Lead", "Monitoring", ""])
        _fill(table.rows[1], ["", "", "", "Target date", "Date completed"])
        table.cell(0, 3).merge(table.cell(0, 4)).text = "Monitoring"
        for col in range(3):
            table.cell(0, col).merge(table.cell(1, col))
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        assert table.rows[1]._tr.find(qn("w:trPr")) is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
        _fill(table.add_row(), ["R1", "Use the checklist.", "Board", "01/09/2019", "Completed 20/08/19"])

    (record,) = extract_document(_word(tmp_path / "two-rows.docx", build)).records
    assert (record.ref, record.target_date, record.outcome, record.status) == (
        "R1",
        "2019-09-01",
        "Completed 20/08/19",
        "complete",
    )


def test_excel_header_on_two_rows(tmp_path: Path) -> None:
    """A group label merged across two columns over their own labels, the
    rest merged down through both rows."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for col, label in enumerate(["Ref", "Recommendation", "Lead", "Timescales", None, "Progress"], start=1):
        ws.cell(1, col, label)
    ws.cell(2, 4, "Target date")
    ws.cell(2, 5, "Date completed")
    ws.merge_cells("D1:E1")
    for col in "ABCF":
        ws.merge_cells(f"{col}1:{col}2")
    for col, value in enumerate(["1", "Audit referrals.", "Adult Social Care", "March 2023", "", "Started"], start=1):
        ws.cell(3, col, value)
    wb.save(tmp_path / "two-rows.xlsx")
    (record,) = extract_document(tmp_path / "two-rows.xlsx").records
    assert (record.ref, record.lead, record.target_date, record.milestones) == (
        "1",
        "Adult Social Care",
        "2023-03",
        "Started",
    )


def test_excel_hidden_rows_and_columns_are_not_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Tracker – version 2"])
    ws.append(["Ref", "Recommendation", "Notes", "Lead", "Target date"])
    ws.append([1, "Train staff.", "internal", "Manager", "March 2024"])
    ws.append([2, "Withdrawn.", "internal", "Manager", "April 2024"])
    ws.append([3, "Share records.", "internal", "Head of Service", "May 2024"])
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["C"].hidden = True
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    records = extract_document(path).records
    assert [(r.ref, r.recommendation, r.target_date) for r in records] == [
        ("1", "Train staff.", "2024-03"),
        ("3", "Share records.", "2024-05"),
    ]
    assert all("internal" not in str(r.export()) for r in records)


# -- hostile files ------------------------------------------------------------
def _reason(path: Path) -> str:
    with pytest.raises(DocumentError) as err:
        extract_document(path)
    return str(err.value)


def _repacked(source: Path, target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """``source``'s zip with its parts changed by ``change(name, data)``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
    return target


def test_a_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dhr_actions.office.package as package

    monkeypatch.setattr(package, "MAX_INFLATED", 4 << 20)
    bomb = _repacked(
        SAMPLES / "millbrook-dhr-ms-f.docx",
        tmp_path / "bomb.docx",
        lambda name, data: data + b" " * (8 << 20) if name == "word/document.xml" else data,
    )
    assert bomb.stat().st_size < 200_000
    assert _reason(bomb) == "zip bomb: the package inflates to more than 4 MB"


def test_xml_entities_are_refused(tmp_path: Path) -> None:
    xxe = b'<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'

    def change(name: str, data: bytes) -> bytes:
        return xxe + data.split(b"?>", 1)[1] if name == "word/document.xml" else data

    hostile = _repacked(SAMPLES / "millbrook-dhr-ms-f.docx", tmp_path / "xxe.docx", change)
    assert _reason(hostile) == "refused Office file: the XML part word/document.xml declares a DTD or entities"


def test_damaged_and_encrypted_office_files(tmp_path: Path) -> None:
    truncated = tmp_path / "cut.docx"
    truncated.write_bytes((SAMPLES / "millbrook-dhr-ms-f.docx").read_bytes()[:20_000])
    assert _reason(truncated).startswith(("damaged Office file", "not a PDF"))
    missing = _repacked(
        SAMPLES / "millbrook-dhr-ms-f.docx",
        tmp_path / "missing.docx",
        lambda name, data: None if name == "word/styles.xml" else data,
    )
    assert _reason(missing).startswith("damaged docx file")
    # An encrypted OOXML file is an OLE2 container holding the package.
    encrypted = tmp_path / "locked.docx"
    directory = b"".join(
        (n + "\0").encode("utf-16-le").ljust(64, b"\0") for n in ("EncryptionInfo", "EncryptedPackage")
    )
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + directory + bytes(4096))
    assert _reason(encrypted) == "encrypted document: a password is needed to open it"


@needs_soffice
def test_a_conversion_that_hangs_is_killed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dhr_actions.office.convert as convert

    hang = tmp_path / "soffice"
    hang.write_text("#!/bin/sh\nsleep 60 &\nsleep 60\n")
    hang.chmod(0o755)
    monkeypatch.setattr(convert, "soffice", lambda: str(hang))
    started = time.monotonic()
    with (
        pytest.raises(DocumentError, match=r"^conversion by LibreOffice gave up after 1 s$"),
        convert.converted(SAMPLES / "harbourside-dhr-mr-e.doc", Format.DOC, time_limit=1),
    ):
        pass
    assert time.monotonic() - started < 10


def test_office_files_import_alongside_pdfs(tmp_path: Path) -> None:
    """`dhr import` takes a folder of PDFs and Office files, each whole or not at all."""
    from click.testing import CliRunner

    from dhr_actions.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("millbrook-dhr-ms-f.docx", "fenwick-dhr-2019-02.xlsx", "millbrook-dhr-ms-f.pdf"):
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (folder / "~$millbrook-dhr-ms-f.docx").write_bytes(b"an Office lock file")
    db = tmp_path / "o.sqlite"
    result = CliRunner().invoke(main, ["import", str(folder), "--db", str(db), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert "broken.xlsx" in result.output and "~$" not in result.output
    assert "Total: 4 files, 14 records: 3 imported, 1 failed" in result.output


def test_openpyxl_warnings_are_not_printed_among_the_import_lines(tmp_path: Path) -> None:
    """A workbook with a part openpyxl drops (a conditional-formatting
    extension, as Excel writes for data bars) imports with no raw warning."""
    import warnings
    import zipfile

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for col, label in enumerate(["Ref", "Recommendation", "Lead", "Target date"], start=1):
        ws.cell(1, col, label)
    for col, value in enumerate(["1", "Audit referrals.", "Adult Social Care", "March 2023"], start=1):
        ws.cell(2, col, value)
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    ext = (
        '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"/></extLst></worksheet>'
    )
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(tmp_path / "ext.xlsx", "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", ext.encode())
            dst.writestr(item, data)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        (record,) = extract_document(tmp_path / "ext.xlsx").records
    assert record.lead == "Adult Social Care"
    assert not [w for w in seen if "extension is not supported" in str(w.message)]
