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


def make_many_pages(path: Path, pages: int, text: bool = False) -> Path:
    """A PDF with ``pages`` pages (blank, or each with some lines of text)."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    for n in range(pages):
        if text:
            for line in range(40):
                canvas.drawString(
                    72, 760 - 16 * line, f"Page {n} line {line}: recommendation, action, lead agency, target date"
                )
        canvas.showPage()
    canvas.save()
    return path


def make_decompression_bomb(path: Path, inflated_mb: int) -> Path:
    """A one-page PDF whose content stream is ``inflated_mb`` MB of zeros,
    deflated to a small fraction of that."""
    import zlib

    packer = zlib.compressobj(9)
    chunk = b"0" * (1 << 20)
    body = b"".join(packer.compress(chunk) for _ in range(inflated_mb)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length " + str(len(body)).encode() + b" /Filter /FlateDecode >>\nstream\n" + body + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def _xref_table(pdf: bytes) -> tuple[int, int]:
    """Start and end of the classic cross-reference table (before the trailer)."""
    start = pdf.rfind(b"\nxref") + 1
    return start, pdf.index(b"trailer", start)


def make_damaged_xref(src: Path, path: Path, damage: str) -> Path:
    """A copy of ``src`` whose cross-reference data is wrong:
    ``startxref`` points nowhere; ``offsets`` shifts every object's offset
    by a few bytes (as a tool that edited the file without rewriting the
    table leaves it); ``missing`` has no table at all."""
    import re

    pdf = src.read_bytes()
    start, end = _xref_table(pdf)
    if damage == "startxref":
        tail = pdf.rindex(b"startxref")
        out = pdf[:tail] + b"startxref\n999999\n%%EOF\n"
    elif damage == "offsets":
        shifted = re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7), pdf[start:end])
        out = pdf[:start] + shifted + pdf[end:]
    elif damage == "missing":
        out = pdf[:start] + pdf[end:]
    else:
        raise ValueError(damage)
    path.write_bytes(out)
    return path


def make_owner_locked(src: Path, path: Path, aes256: bool) -> Path:
    """``src`` encrypted with an owner password only (printing and copying
    restricted): anyone may open it, as many published PDFs are."""
    import pikepdf

    with pikepdf.open(src) as pdf:
        permissions = pikepdf.Permissions(extract=False, modify_other=False, print_highres=False)
        encryption = pikepdf.Encryption(owner="owner-secret", user="", R=6 if aes256 else 4, allow=permissions)
        pdf.save(path, encryption=encryption)
    return path
