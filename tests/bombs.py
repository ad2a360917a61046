"""Workbooks made to hurt a reader, written with zipfile in a few lines: a cell far away, strings that unpack to far
more than the file holds (for the tests of the import's budget)."""
from __future__ import annotations

import zipfile
from pathlib import Path

_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
          '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
          'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.worksheet+xml"/>{shared}</Types>')
_SHARED_TYPE = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sharedStrings+xml"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
         'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
         'name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
              '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
              '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{shared}</Relationships>')
_SHARED_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'sharedStrings" Target="sharedStrings.xml"/>')
_SHEET = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
          '2006/main">{dimension}<sheetData>{rows}</sheetData></worksheet>')


def workbook(path: Path, rows: str, dimension: str = "", shared: list[str] | None = None) -> Path:
    """An .xlsx whose one sheet holds `rows` (the XML of its `<row>`s), with shared strings if given."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", _TYPES.format(shared=_SHARED_TYPE if shared is not None else ""))
        book.writestr("_rels/.rels", _RELS)
        book.writestr("xl/workbook.xml", _BOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS.format(shared=_SHARED_REL if shared is not None
                                                                       else ""))
        book.writestr("xl/worksheets/sheet1.xml", _SHEET.format(
            dimension=f'<dimension ref="{dimension}"/>' if dimension else "", rows=rows))
        if shared is not None:
            items = "".join(f"<si><t>{text}</t></si>" for text in shared)
            book.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                          f'openxmlformats.org/spreadsheetml/2006/main" count="{len(shared)}" uniqueCount='
                          f'"{len(shared)}">{items}</sst>')
    return path


def far_cell(path: Path, ref: str = "XFD1048576") -> Path:
    """One cell, at `ref`: the reader would allocate the whole area from A1 to it."""
    row = "".join(ch for ch in ref if ch.isdigit())
    return workbook(path, f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>')


def inline_bomb(path: Path, cells: int = 1400, length: int = 100_000) -> Path:
    """Many cells of one long inline string: a file of about 0.2 MB that unpacks to about 134 MiB (written a cell at
    a time, so that making it costs little memory)."""
    workbook(path, "")
    with zipfile.ZipFile(path) as made:
        parts = {name: made.read(name) for name in made.namelist() if name != "xl/worksheets/sheet1.xml"}
    text = "A" * length
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        for name, data in parts.items():
            book.writestr(name, data)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            head, tail = _SHEET.format(dimension="", rows="\0").split("\0")
            sheet.write(head.encode())
            for n in range(1, cells + 1):
                sheet.write(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{text}</t></is></c></row>'.encode())
            sheet.write(tail.encode())
    return path


def shared_bomb(path: Path, length: int = 10 * 2**20, cells: int = 1000) -> Path:
    """One shared string of `length` characters, named by `cells` cells."""
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(1, cells + 1))
    return workbook(path, rows, shared=["B" * length])


_ODS_CONTENT = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
                'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
                '<office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table></office:spreadsheet>'
                '</office:body></office:document-content>')


def ods(path: Path, rows: str) -> Path:
    """An OpenDocument spreadsheet whose one table holds `rows` (the XML of its `<table:table-row>`s)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:'
                      'manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                      '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                      'opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
                      'manifest:media-type="text/xml"/></manifest:manifest>')
        book.writestr("content.xml", _ODS_CONTENT.format(rows=rows))
    return path


def ods_cell(text: str, formula: str = "") -> str:
    """An ODS cell of text (with the formula whose result it is, if given)."""
    made = f' table:formula="of:={formula}"' if formula else ""
    return f'<table:table-cell office:value-type="string"{made}><text:p>{text}</text:p></table:table-cell>'
