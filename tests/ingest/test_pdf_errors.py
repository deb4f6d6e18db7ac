"""Bad PDF input: clean French errors, never a pdfium exception."""

from __future__ import annotations

import pytest
from pdfgen import Doc, body_lines

from contratvie.errors import InputError, PasswordRequired
from contratvie.ingest import load


@pytest.fixture
def good_pdf(tmp_path):
    pdf = Doc()
    for n in range(3):
        pdf.page().lines(20, 30, body_lines(30, seed=str(n)))
    return pdf.save(tmp_path / "bon.pdf")


@pytest.fixture
def locked_pdf(tmp_path):
    pdf = Doc().encrypt("secret")
    pdf.page().lines(20, 30, ["Le conseil citoyen est accompagné par le centre social."])
    return pdf.save(tmp_path / "protege.pdf")


def test_encrypted_without_password_asks_for_one(locked_pdf):
    with pytest.raises(PasswordRequired) as raised:
        load(locked_pdf)
    assert "--password" in raised.value.message
    assert str(locked_pdf) in raised.value.message


def test_encrypted_with_wrong_password(locked_pdf):
    with pytest.raises(PasswordRequired) as raised:
        load(locked_pdf, password="mauvais")
    assert "incorrect" in raised.value.message


def test_encrypted_with_password_reads_text(locked_pdf):
    doc = load(locked_pdf, password="secret")
    assert doc.pages[0].blocks[0].text == "Le conseil citoyen est accompagné par le centre social."


def test_not_a_pdf(tmp_path):
    path = tmp_path / "contrat.pdf"
    path.write_text("Ceci est un texte, pas un PDF. Contrat de ville, été 2024.\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load(path)
    assert "pas un PDF" in raised.value.message and str(path) in raised.value.message


def test_empty_file(tmp_path):
    path = tmp_path / "vide.pdf"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="vide"):
        load(path)


def test_truncated_pdf_is_a_clean_error_or_partial_text(good_pdf, tmp_path):
    data = good_pdf.read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 300, 40):
        path = tmp_path / f"tronque-{cut}.pdf"
        path.write_bytes(data[:cut])
        try:
            doc = load(path)
        except InputError as error:
            assert str(path) in error.message
        else:
            assert doc.page_count >= 1


def test_garbled_bytes_in_the_middle(good_pdf, tmp_path):
    data = bytearray(good_pdf.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 2000] = b"\x00\xff" * 1000
    path = tmp_path / "abime.pdf"
    path.write_bytes(bytes(data))
    try:
        doc = load(path)
    except InputError as error:
        assert "abime.pdf" in error.message
    else:
        assert doc.page_count >= 1


def test_pdf_without_pages(tmp_path):
    path = tmp_path / "sans-pages.pdf"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(body)
    with pytest.raises(InputError, match="aucune page"):
        load(path)
