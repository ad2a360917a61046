"""YAML scalars written by hand: a text as a plain, single-quoted, double-quoted or block (`|`, `>`) scalar.

Takes: a text, and for a block scalar the column its lines stand at (and the parent's indentation).
Gives: the scalar as it is written in a file, or None when that style cannot hold the text exactly. Every
form but double-quoted is checked by reading it back (`reads_back`); double-quoted holds any text (what
YAML cannot show raw is escaped), so it is the style every other one falls back to.
"""
from __future__ import annotations

import re

import yaml

# the campaign is read with the C reader where there is one: a text is written only where both read it alike
LOADERS: tuple[type[yaml.SafeLoader] | type[yaml.CSafeLoader], ...] = tuple(dict.fromkeys(
    (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader))))

# what YAML may hold raw in a double-quoted scalar (printable, no line breaks, no BOM): the rest is escaped
_ESCAPED = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|[\"\\\\]")
_SHORT = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0", '"': '\\"', "\\": "\\\\",
          "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
BLOCK_STYLES = ("|", ">")


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def double_quoted(text: str) -> str:
    """`text` as one double-quoted line; anything that is not printable raw (line ends, tabs, controls) escaped."""
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def single_quoted(text: str) -> str | None:
    """`text` as one single-quoted line, or None when it holds what only an escape can show (a line end, …)."""
    if any(found.group() not in "\"\\" for found in _ESCAPED.finditer(text)):
        return None
    return "'" + text.replace("'", "''") + "'"


def plain(text: str, flow: bool) -> str | None:
    """`text` written as it is, or None when YAML would read that as something else (a number, a key, a comment,
    nothing) or cut it (leading or trailing spaces); `flow`: it stands inside `{…}` or `[…]`."""
    if not text or _ESCAPED.search(text.replace('"', "").replace("\\", "")):
        return None
    return text if reads_back(text, text, flow) else None


def reads_back(written: str, text: str, flow: bool = False) -> bool:
    """Whether the scalar `written`, as the value of a key (inside a flow map if `flow`), reads as `text`."""
    return _reads(("{k: " + written + "}" if flow else "k: " + written) + "\n", text)


def _reads(document: str, text: str) -> bool:
    try:
        return all(yaml.load(document, Loader=loader) == {"k": text} for loader in LOADERS)  # noqa: S506 (safe)
    except yaml.YAMLError:
        return False


def _raw_in_block(text: str) -> bool:
    """Whether a block can hold `text` raw: no character but line feeds and tabs that would need an escape."""
    return not _ESCAPED.search(text.replace("\n", "").replace("\t", "").replace('"', "").replace("\\", ""))


def _chomping(text: str) -> str:
    if not text.endswith("\n"):
        return "-"
    return "+" if text == "\n" or text.endswith("\n\n") else ""


def literal(text: str, column: int, parent: int, eol: str = "\n", keep: bool = False) -> tuple[str, str] | None:
    """`text` as a `|` block: (the header such as `|-` or `|2+`, the lines below it, each ending in `eol`) with its
    lines at `column`, under a key indented by `parent`; None if it cannot hold it. A text that ends in blank lines
    needs `|+`, which takes the blank lines after it as its own: only with `keep` (nothing blank follows it)."""
    if not keep and (text == "\n" or text.endswith("\n\n")):
        return None
    if not _raw_in_block(text) or column <= parent or column - parent > 9:
        return None
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
    indicator = str(column - parent) if _needs_indicator(text) else ""
    header = "|" + indicator + _chomping(text)
    body = "".join((" " * column + line if line else "") + eol for line in lines) if text else ""
    return (header, body) if _block_reads_back(header, body, text, column, parent) else None


def _needs_indicator(text: str) -> bool:
    """Whether a block's indentation must be given: its first line with text starts with a space, or an
    empty-looking line before it would be taken for deeper indentation."""
    first = text.lstrip("\n")
    return first[:1] in (" ", "\t") or first == "" or text.startswith("\n")


def folded(text: str, column: int, parent: int, eol: str = "\n", keep: bool = False) -> tuple[str, str] | None:
    """`text` as a `>` block (PyYAML's emitter decides how each line end is written), as `literal` gives it."""
    if column <= parent or column - parent > 9 or not text or not _raw_in_block(text) \
            or not keep and (text == "\n" or text.endswith("\n\n")):
        return None
    dumped = yaml.dump(text, default_style=">", allow_unicode=True, width=2**30, Dumper=yaml.SafeDumper)
    if not dumped.startswith(">"):
        return None  # the emitter found it could not be folded
    header, _, rest = dumped.partition("\n")
    lines = [line[2:] if line.startswith("  ") else line for line in rest.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    indicator = str(column - parent) if any(ch.isdigit() for ch in header) else ""
    header = ">" + indicator + header[1:].lstrip("0123456789")
    body = "".join((" " * column + line if line else "") + eol for line in lines)
    return (header, body) if _block_reads_back(header, body, text, column, parent) else None


def _block_reads_back(header: str, body: str, text: str, column: int, parent: int) -> bool:
    """Whether the block reads back as `text`: checked as the value of a key at column 0, its lines shifted left by
    the parent's indentation (an indentation indicator counts from the parent, so it stays as it is)."""
    if column <= max(parent, 0):
        return False
    shift = max(parent, 0)
    lines = [line[shift:] if line else line for line in body.replace("\r\n", "\n").split("\n")]
    return _reads("k: " + header + "\n" + "\n".join(lines), text)
