"""Recognise PDF and DOCX files by their content and pull out their text."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {".pdf": PDF, ".docx": DOCX}
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UnsupportedFile(ValueError):
    pass


def sniff(data: bytes, filename: str) -> str:
    """The media type of a PDF or DOCX, checked against its content, not only its name."""
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    expected = EXTENSIONS.get(suffix)
    if expected is None:
        raise UnsupportedFile("alleen PDF- en DOCX-bestanden zijn toegestaan")
    if expected == PDF and not data.startswith(b"%PDF-"):
        raise UnsupportedFile("het bestand heet .pdf maar is geen PDF")
    if expected == DOCX:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" not in archive.namelist():
                    raise UnsupportedFile("het bestand heet .docx maar is geen Word-document")
        except zipfile.BadZipFile:
            raise UnsupportedFile("het bestand heet .docx maar is geen Word-document") from None
    return expected


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    paragraphs = []
    for paragraph in root.iter(f"{WORD_NS}p"):
        text = "".join(node.text or "" for node in paragraph.iter(f"{WORD_NS}t"))
        if text.strip():
            paragraphs.append(text)
    return "\n".join(paragraphs)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise UnsupportedFile(f"de PDF kan niet worden gelezen: {exc}") from None
    return re.sub(r"[ \t]+\n", "\n", "\n".join(pages)).strip()


def extract_text(data: bytes, media_type: str) -> str:
    if media_type == PDF:
        return pdf_text(data)
    if media_type == DOCX:
        return docx_text(data)
    raise UnsupportedFile(media_type)
