"""Reading a printed handout back: its pages and text (pypdf), its fonts, and its QR code, decoded
from the page rendered to pixels (PDFium draws it, zxing-cpp reads it, as a phone's camera would)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PrintedHandout:
    pages: int
    text: str  # as pypdf extracts it: lines as printed
    words: str  # the text on one line, without the space extraction leaves before punctuation
    fonts: set[str]  # the base names of the embedded fonts, without the subset prefix
    qr_codes: list[str]
    paper_points: tuple[float, float]  # the first page's width and height


def read_handout(path: Path) -> PrintedHandout:
    import pypdfium2
    import zxingcpp
    from pypdf import PdfReader

    reader = PdfReader(path)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    fonts: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            name = str(font.get_object().get("/BaseFont", ""))
            fonts.add(name.split("+", 1)[-1].lstrip("/"))
    document = pypdfium2.PdfDocument(path)
    try:
        image = document[0].render(scale=2).to_pil()
    finally:
        document.close()
    codes = [
        result.text
        for result in zxingcpp.read_barcodes(image)
        if result.format == zxingcpp.BarcodeFormat.QRCode
    ]
    box = reader.pages[0].mediabox
    words = re.sub(r"\s+([.,;:])", r"\1", " ".join(text.split()))
    return PrintedHandout(len(reader.pages), text, words, fonts, codes, (float(box.width), float(box.height)))
