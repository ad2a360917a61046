"""`translations import` writes only what builds: the campaign as it would be after the write is validated with the
build's limits, and English the build would refuse (a title over the limit, a body over it, an HTML tag over two
lines, quotes nested 50 deep) refuses the import, each at its unit with the build's message, writing nothing; an
error the campaign already had is not the translator's and does not stop an import. A PO file in GBK with its
charset declared imports as the same file in UTF-8 does, byte for byte."""
from __future__ import annotations

from pathlib import Path

from translate.storage import po

from tests.helpers import copy_fixture, run_build

FAIR = "activities.yaml:activities[book-fair]"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "output" not in p.relative_to(folder).parts}


def festival(tmp_path: Path, name: str = "reading-festival") -> Path:
    made = copy_fixture("reading-festival", tmp_path / name)
    for guide in (made / "content").glob("guide.*.md"):
        guide.unlink()
    assert translations(made, "accept").returncode == 0
    return made


def translations(site: Path, *args: str):
    return run_build("translations", *args, "--site", str(site))


def translated(site: Path, targets: dict[str, str], charset: str = "UTF-8") -> Path:
    """The campaign's export with these targets, as a translator's tool saves it (in `charset`)."""
    sent = site.parent / f"back-{charset}.po"
    assert translations(site, "export", "--format", "po", "--only", "all", "--output", str(sent)).returncode == 0
    store = po.pofile.parsestring(sent.read_bytes())
    for unit in store.units:
        if unit.getcontext() in targets:
            unit.target = targets[unit.getcontext()]
    text = bytes(store).decode("utf-8")
    sent.write_bytes(text.replace("charset=UTF-8", f"charset={charset}").encode(charset))
    return sent


def test_english_the_build_would_refuse_refuses_the_import_at_each_unit_with_the_build_s_message(tmp_path):
    site = festival(tmp_path)
    sent = translated(site, {
        f"{FAIR}.title": "A" * 6000,
        f"{FAIR}.body": "The fair is held on Central Square. **Entry is free.**\n\n" + "word " * 40_000,
        "activities.yaml:activities[reading-marathon].body": "Read <span\nclass='x'>together</span>.\n",
        "content/visit.md": "> " * 50 + "Every venue can be reached by public transport.\n",
        "campaign.yaml:name": "The 2025 National Reading Festival",  # fine alone: not written either
    })
    before = snapshot(site)
    result = translations(site, "import", str(sent))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    said = f"{sent}: {{}}: the campaign would not build with this English: "
    assert result.stderr.splitlines() == [
        said.format(f"{FAIR}.body") + "the text is 200,055 characters long; at most 200,000 — shorten it",
        said.format(f"{FAIR}.title") + "the text is 6,000 characters long; at most 5,000 — shorten it",
        said.format("activities.yaml:activities[reading-marathon].body") + "the HTML tag does not end (>) on its "
        "line — end the tag on the line it begins; write &lt; for a < that begins no tag",
        said.format("content/visit.md") + "quotes (>) nest more than 10 deep — nest quotes less deeply",
        "4 errors; nothing was written."]
    assert snapshot(site) == before
    assert run_build("check", "--site", str(site)).returncode == 0


def test_an_error_the_campaign_already_had_does_not_stop_an_import_that_brings_none(tmp_path):
    site = festival(tmp_path)
    slogans = site / "slogans.yaml"
    slogans.write_text(slogans.read_text(encoding="utf-8").replace("en: Good books for everyone",
                                                                   "en: '" + "B" * 5001 + "'"), encoding="utf-8")
    assert run_build("check", "--site", str(site)).returncode == 1
    sent = translated(site, {f"{FAIR}.title": "The Great Spring Book Fair"})
    result = translations(site, "import", str(sent))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("import: 29 units recorded as current, 1 English text written in 1 file;")
    assert "title: {zh: 春季书市, en: The Great Spring Book Fair}" in (site / "activities.yaml").read_text(encoding="utf-8")


def test_a_po_file_in_gbk_with_its_charset_declared_imports_as_the_same_file_in_utf8(tmp_path):
    trap = next(ch for ch in map(chr, range(0x4E00, 0x9FA6)) if ch.encode("gbk")[1:] == b"\\")  # a second byte \
    english = {f"{FAIR}.title": f"Spring Book Fair ({trap})", "content/visit.md:title": "Getting there"}
    results = []
    for charset in ("UTF-8", "GBK"):
        site = festival(tmp_path, charset)
        result = translations(site, "import", str(translated(site, english, charset)))
        assert result.returncode == 0, result.stderr
        results.append((result.stdout, snapshot(site)))
    assert results[0] == results[1]
    assert f"title: {{zh: 春季书市, en: Spring Book Fair ({trap})}}".encode() in results[1][1]["activities.yaml"]
