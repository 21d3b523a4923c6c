"""Tiny PDFs built by hand for upload tests: one with a text layer, one without (a "scan")."""

from __future__ import annotations


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_pdf(lines: list[str]) -> bytes:
    body = b"BT /F1 11 Tf 50 750 Td 14 TL " + b" ".join(
        b"(" + line.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*" for line in lines
    ) + b" ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def scanned_pdf() -> bytes:
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ])


# Hostile PDFs: each is a few kilobytes that cost an unguarded parser minutes or gigabytes.
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PAGE = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>")


def _stream(body: bytes, compress: bool = False) -> bytes:
    import zlib

    if compress:
        body = zlib.compress(body, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"


def repeated_page_pdf(times: int = 4_000) -> bytes:
    """One page listed ``times`` times in the page tree: every listing is extracted again."""
    kids = b" ".join([b"3 0 R"] * times)
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % times,
        _PAGE,
        _stream(b"BT /F1 11 Tf 50 750 Td " + b"(Heterotopic ossification of the hip.) Tj T* " * 200 + b"ET"),
        _FONT,
    ])


def deflate_bomb_pdf(megabytes: int = 70) -> bytes:
    """A content stream that inflates from well under 1 MB to ``megabytes`` of text operators."""
    body = b"BT /F1 11 Tf 50 750 Td " + b"(HO HO HO HO) Tj " * (megabytes * 1_000_000 // 17) + b"ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE,
        _stream(body, compress=True),
        _FONT,
    ])


def deep_nesting_pdf(depth: int = 50_000) -> bytes:
    """Arrays nested ``depth`` deep in the page's content: a recursive parser runs out of stack."""
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE,
        _stream(b"BT /F1 11 Tf 50 750 Td (Heterotopic ossification.) Tj " + b"[" * depth + b"]" * depth + b" TJ ET"),
        _FONT,
    ])


def wide_page_tree_pdf(depth: int = 16) -> bytes:
    """A balanced page tree of 2**depth leaves (65,536 at 16) that all point at one page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", _PAGE.replace(b"/Parent 2 0 R", b"/Parent 6 0 R"),
               _stream(b"BT /F1 11 Tf 50 750 Td (HO.) Tj ET"), _FONT]
    # Node at level k (k=0 is the root, object 2) has two kids, both the one node of level k+1.
    levels = [2, *range(6, 6 + depth - 1)]
    for level, number in enumerate(levels):
        kid = levels[level + 1] if level + 1 < len(levels) else 3
        node = b"<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count %d >>" % (kid, kid, 2 ** (depth - level))
        if number == 2:
            objects[1] = node
        else:
            objects.append(node)
    return _pdf(objects)


def encrypted_pdf(lines: list[str], password: str = "s3cret") -> bytes:
    """A text PDF locked with a user password (RC4, which pypdf writes without extra packages)."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(lines))))
    writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def aes_encrypted_pdf() -> bytes:
    """An AES-256 encryption dictionary (decrypting needs the `cryptography` package, not installed)."""
    data = text_pdf(["Heterotopic ossification."])
    encrypt = (b"<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4 /O <" + b"00" * 48 + b"> /U <" + b"00" * 48
               + b"> /OE <" + b"00" * 32 + b"> /UE <" + b"00" * 32 + b"> /Perms <" + b"00" * 16 + b"> "
               b"/CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF >>")
    head, tail = data.split(b"xref\n", 1)
    number = 6
    offset = len(head)
    head += b"%d 0 obj\n" % number + encrypt + b"\nendobj\n"
    count = int(tail.split(b"\n", 1)[0].split()[1])
    entries = tail.split(b"\n")[2:2 + count - 1]
    xref = len(head)
    table = b"xref\n0 %d\n0000000000 65535 f \n" % (count + 1) + b"".join(e + b"\n" for e in entries)
    table += b"%010d 00000 n \n" % offset
    trailer = b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        count + 1, b"ab" * 16, b"ab" * 16, xref)
    return head + table + trailer


def chatty_pdf(secret: str) -> bytes:
    """A key defined twice: pypdf warns "Multiple definitions ... for key /<secret>", quoting the file."""
    key = b"/" + secret.replace(" ", "").encode("ascii")
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE[:-2] + key + b" 1 " + key + b" 2 >>",
        _stream(b"BT /F1 11 Tf 50 750 Td (Heterotopic ossification of the hip.) Tj ET"),
        _FONT,
    ])
