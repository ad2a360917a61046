"""What a translator may send back that is not an XLIFF 1.x or PO file: each a located error with its exact message,
as `translations import` prints it (no traceback, nothing read further); a PO file in the charset its header declares
(GBK, with a second byte that is a backslash) reads as the same units as in UTF-8."""
from __future__ import annotations

from pathlib import Path

import pytest

from campaignsite.commands.translations import _read_units
from campaignsite.errors import SiteError
from campaignsite.translations.exchange import Unit, read_po

HINT = " — import the XLIFF or PO file the translator sent back, as the CAT tool or Poedit saved it"
XLIFF_12 = b'xmlns="urn:oasis:names:tc:xliff:document:1.2"'
UNIT = b'<trans-unit id="campaign.yaml:name"><source>x</source><target>y</target></trans-unit>'
PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={}\\n"\n\n'

CORPUS = [  # (case, file name, bytes, the message after "FILE: ")
    ("root not xliff", "back.xlf", b'<?xml version="1.0"?>\n<html><file/></html>',
     "the file's root element is <html>, not <xliff>: it is not an XLIFF file"),
    ("a tmx", "back.xlf", b'<?xml version="1.0"?><tmx version="1.4"><header/><body/></tmx>',
     "the file's root element is <tmx>, not <xliff>: it is not an XLIFF file"),
    ("xliff 2", "back.xlf", b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file id="f"/>'
     b'</xliff>', "the file is XLIFF version '2.0'; this tool reads XLIFF 1.2 (and 1.1, 1.0): ask for XLIFF 1.2, or "
     "translate the file `translations export` wrote"),
    ("no version", "back.xlf", b'<xliff ' + XLIFF_12 + b'><file><body/></file></xliff>',
     "the file is XLIFF version ''; this tool reads XLIFF 1.2 (and 1.1, 1.0): ask for XLIFF 1.2, or translate the "
     "file `translations export` wrote"),
    ("another namespace", "back.xlf", b'<xliff version="1.2" xmlns="urn:x"><file><body>' + UNIT + b'</body></file>'
     b'</xliff>', "the <xliff> element is in the namespace 'urn:x', not XLIFF 1.2's "
     "(urn:oasis:names:tc:xliff:document:1.2)"),
    ("no file element", "back.xlf", b'<xliff version="1.2" ' + XLIFF_12 + b'><body/></xliff>',
     "the <xliff> element holds no <file>: the file has no units"),
    ("bad xml", "back.xlf", b'<xliff version="1.2" ' + XLIFF_12 + b'><file>',
     "the file is not well-formed XML: Premature end of data in tag file line 1, line 1, column 74"),
    ("not xml", "back.xliff", b"Spring Book Fair\n",
     "the file is not well-formed XML: Start tag expected, '<' not found, line 1, column 1"),
    ("empty xliff", "back.xlf", b"", "the file is empty"),
    ("blank po", "back.po", b"\n \n", "the file is empty"),
    ("binary", "back.xlf", b"PK\x03\x04\x00\x00\x08\x00", "the file holds binary data (byte 4 is 0x00), not the "
     "text of an XLIFF or PO file"),
    ("binary po", "back.po", b"\x89PNG\r\n\x1a\n\x00\x00", "the file holds binary data (byte 8 is 0x00), not the text "
     "of an XLIFF or PO file"),
    ("po syntax", "back.po", b'msgid "x"\nmsgstr "y\n', "the file cannot be read as PO (end-of-line within string "
     "on line 2: 'msgstr \"y\\n')"),
    ("po of another charset", "back.po", (PO_HEADER.format("GBK") + 'msgid "x"\nmsgstr "').encode() + b'\xff"\n',
     "the file is not GBK as its header declares (byte 80 is 0xff)"),
    ("po with no charset, not utf-8", "back.po", 'msgctxt "a"\nmsgid "x"\nmsgstr "caf\u00e9"\n'.encode("latin-1"),
     "the file is not UTF-8, and its header declares no charset (byte 33 is 0xe9)"),
    ("po of an unknown charset", "back.po", (PO_HEADER.format("NOPE") + 'msgid "x"\nmsgstr "y"\n').encode(),
     "the header declares charset=NOPE, which this tool does not know: save the file as UTF-8"),
    ("xml sent as po", "back.po", b'<?xml version="1.0"?><a/>',
     "the file cannot be read as PO (Syntax error on line 1: '<?xml version=\"1.0\"?><a/>\\n')"),
    ("xml, no extension", "back", b'<?xml version="1.0"?><a/>',
     "the file's root element is <a>, not <xliff>: it is not an XLIFF file"),
]


@pytest.mark.parametrize(("case", "name", "data", "message"), CORPUS, ids=[case[0] for case in CORPUS])
def test_a_file_that_is_not_xliff_or_po_is_one_located_error(tmp_path: Path, case, name, data, message):
    sent = tmp_path / name
    sent.write_bytes(data)
    with pytest.raises(SiteError) as raised:
        _read_units(sent, name)
    assert [str(problem) for problem in raised.value.problems] == [f"{name}: {message}{HINT}"]


def _with_backslash_in_gbk() -> str:
    """A Chinese character whose second byte in GBK is 0x5c, a backslash in ASCII (a line-by-line reader's trap)."""
    return next(ch for ch in map(chr, range(0x4E00, 0x9FA6)) if ch.encode("gbk")[1:] == b"\\")


def test_a_po_file_in_gbk_with_its_charset_declared_reads_as_the_same_units_as_in_utf8():
    trap = _with_backslash_in_gbk()
    text = (PO_HEADER.format("{}") + f'msgctxt "campaign.yaml:name"\nmsgid "全民阅读{trap}"\nmsgstr "Reading {trap}"\n'
            '\n#, fuzzy\nmsgctxt "campaign.yaml:title"\nmsgid "通知"\nmsgstr "Notice"\n')
    expected = [Unit("campaign.yaml:name", f"全民阅读{trap}", f"Reading {trap}"),
                Unit("campaign.yaml:title", "通知", "Notice", review=True)]
    assert read_po(text.format("UTF-8").encode("utf-8")) == expected
    assert read_po(text.format("GBK").encode("gbk")) == expected
    assert read_po(text.format("gb18030").encode("gb18030")) == expected
