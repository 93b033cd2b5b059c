import io
import zipfile

import pytest

from kennisbrug.lib import textextract


def make_docx(*paragraphs: str) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def make_pdf(text: str) -> bytes:
    """A one-page PDF with one line of text, written by hand so the test needs no PDF library."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def test_text_comes_out_of_a_docx():
    data = make_docx("Schuldhulpverlening in de wijk", "Tweede alinea")
    media_type = textextract.sniff(data, "verslag.docx")
    assert (
        textextract.extract_text(data, media_type)
        == "Schuldhulpverlening in de wijk\nTweede alinea"
    )


def test_text_comes_out_of_a_pdf():
    data = make_pdf("Eenzaamheid onder ouderen")
    media_type = textextract.sniff(data, "rapport.pdf")
    assert "Eenzaamheid onder ouderen" in textextract.extract_text(data, media_type)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"MZ\x90\x00 not a pdf", "rapport.pdf", "geen PDF"),
        (b"plain text", "verslag.docx", "geen Word-document"),
        (b"%PDF-1.4", "script.exe", "alleen PDF- en DOCX"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(data, name, message):
    with pytest.raises(textextract.UnsupportedFile, match=message):
        textextract.sniff(data, name)
