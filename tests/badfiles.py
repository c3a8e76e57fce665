"""Broken inputs, made on the fly from the samples."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE_PDFS


def make_bad_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    good = SAMPLE_PDFS[0].read_bytes()
    files = {
        "empty": folder / "empty.pdf",
        "text": folder / "notes.pdf",
        "truncated": folder / "truncated.pdf",
        "encrypted": folder / "encrypted.pdf",
    }
    files["empty"].write_bytes(b"")
    files["text"].write_text("Minutes of the panel meeting.\nThis is a text file with a .pdf name.\n")
    files["truncated"].write_bytes(good[: len(good) // 2])
    make_encrypted(files["encrypted"], user_password="secret")
    return files


def make_encrypted(path: Path, user_password: str) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), encrypt=StandardEncryption(user_password, ownerPassword="owner"))
    canvas.drawString(72, 720, "Recommendation  Action  Lead agency  Target date")
    canvas.showPage()
    canvas.save()
