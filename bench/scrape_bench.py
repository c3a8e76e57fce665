"""Time a nightly scrape that finds nothing new: 50 sources × 10 PDFs.

    python bench/scrape_bench.py [--sources N] [--pdfs N]

A local HTTP server on 127.0.0.1 serves an index page per source, each
linking its PDFs (small one-page documents). A first run downloads and
imports them all; the timed run is the second, where every PDF answers
304 Not Modified. Target: under 10 s.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import logging
import re
import sys
import tempfile
import time
from pathlib import Path

from pytest_httpserver import HTTPServer
from reportlab.pdfgen.canvas import Canvas
from werkzeug import Request, Response

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dhr_actions.scrape.config import parse_config  # noqa: E402
from dhr_actions.scrape.runner import run_scrape  # noqa: E402
from dhr_actions.store.repository import Store  # noqa: E402


def tiny_pdf(text: str) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1)
    canvas.drawString(72, 720, text)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def main() -> int:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log on the terminal
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--pdfs", type=int, default=10)
    args = parser.parse_args()
    files = {f"/s{i}/p{j}.pdf": tiny_pdf(f"Minutes {i}-{j}") for i in range(args.sources) for j in range(args.pdfs)}
    etags = {path: '"' + hashlib.sha256(body).hexdigest()[:16] + '"' for path, body in files.items()}
    counts = {"304": 0, "200": 0}

    def handle(request: Request) -> Response:
        path = request.path
        m = re.fullmatch(r"/s(\d+)/", path)
        if m:
            links = "".join(f'<a href="p{j}.pdf">p{j}</a>' for j in range(args.pdfs))
            return Response(f"<html><body>{links}</body></html>", content_type="text/html")
        if path in files:
            if request.headers.get("If-None-Match") == etags[path]:
                counts["304"] += 1
                return Response(status=304, headers={"ETag": etags[path]})
            counts["200"] += 1
            return Response(files[path], content_type="application/pdf", headers={"ETag": etags[path]})
        return Response("", status=404)

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.expect_request(re.compile(".*")).respond_with_handler(handle)
    server.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            raw = {
                "scrape": {"delay": 0.0, "timeout": 10, "downloads": str(Path(tmp) / "dl")},
                "source": [
                    {"name": f"s{i}", "start": [f"http://127.0.0.1:{server.port}/s{i}/"], "max_depth": 1}
                    for i in range(args.sources)
                ],
            }
            config = parse_config(raw)
            with Store(str(Path(tmp) / "bench.sqlite")) as store:
                start = time.perf_counter()
                run_scrape(config, store, echo=lambda _line: None)
                first = time.perf_counter() - start
                counts.update({"304": 0, "200": 0})
                start = time.perf_counter()
                report = run_scrape(config, store, echo=lambda _line: None)
                second = time.perf_counter() - start
    finally:
        server.stop()
    n = args.sources * args.pdfs
    print(f"scrape fixture: {args.sources} sources × {args.pdfs} PDFs = {n} PDFs on 127.0.0.1")
    print(f"first run (download + import all): {first:.1f} s")
    print(
        f"no-change nightly run: {second:.2f} s ({report.requests} requests, {counts['304']} answered 304, "
        f"{counts['200']} bodies) — target < 10 s"
    )
    return 0 if counts["200"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
