"""translations.exchange: units written as XLIFF 1.2 and PO read back the same for awkward texts; a file edited as
a translator would (one target changed in a text editor, the XML re-indented) reads back; the glossary's terms."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lxml import etree

from campaignsite.translations.exchange import (
    ExchangeError,
    Unit,
    glossary_terms,
    read_po,
    read_xliff,
    terms_in,
    write_po,
    write_xliff,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "translations"
UNITS = [
    Unit("activities.yaml:activities[disaster-relief].title", "开展质量月<活动> & “支援”灾区", "Support & <help>",
         previous="开展质量工作支援灾区活动", glossary=(("质量月", "Quality Month"),), context="/en/activities/disaster-relief/"),
    Unit("campaign.yaml:preamble", '引号 "双" \'单\'\n第二行  \n', "", context="/en/"),
    Unit("content/about.md", "# 标题\n\n见[通知](https://x.org/a?b=1&c=2)，![图](a.png)，`代码 <x>`。\n\n```\n<pre> & </pre>\n```\n",
         "# Title\n\nSee [the notice](https://x.org/a?b=1&c=2), ![figure](a.png), `代码 <x>`.\n\n```\n<pre> & </pre>\n```\n",
         previous="# 旧标题\n\n  缩进\n", context="/en/about/"),
    Unit("templates/strings.yaml:home.slogans_all", "查看全部{count}条宣传口号 😀", "See all {count} slogans 😀",
         context="https://example.org:8080/en/"),
    Unit("slogans.yaml:slogans[a].text", "前导空格　全角", "  leading spaces kept  ", glossary=(
        ("国务院", "State Council"), ("质量振兴", "quality revitalization"))),
]


@pytest.mark.parametrize(("write", "read"), [(write_xliff, read_xliff), (write_po, read_po)])
def test_units_read_back_the_same_for_awkward_texts(write, read):
    assert read(write(UNITS)) == UNITS


@pytest.mark.parametrize("write", [write_xliff, write_po])
def test_the_same_units_give_the_same_bytes(write):
    assert write(UNITS) == write(list(UNITS))


def test_the_xliff_is_version_1_2_with_ids_notes_a_review_state_and_the_page_as_context():
    root = etree.fromstring(write_xliff(UNITS))
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    assert root.get("version") == "1.2" and root.nsmap[None] == ns["x"]
    first = root.find(".//x:trans-unit", ns)
    assert first.get("id") == UNITS[0].id
    assert first.find("x:target", ns).get("state") == "needs-review-translation"
    assert [note.text for note in first.findall("x:note", ns)] == [
        "Previous Chinese: 开展质量工作支援灾区活动", "Glossary: 质量月 = Quality Month"]
    assert first.find(".//x:context", ns).text == "/en/activities/disaster-relief/"
    assert root.find("x:file", ns).get("source-language") == "zh-Hans"
    assert root.find("x:file", ns).get("target-language") == "en"


def test_the_po_keeps_the_id_as_msgctxt_and_a_stale_unit_fuzzy_with_its_previous_chinese():
    text = write_po(UNITS[:1]).decode("utf-8")
    assert text.endswith('#. Glossary: 质量月 = Quality Month\n#: /en/activities/disaster-relief/\n#, fuzzy\n'
                         '#| msgid "开展质量工作支援灾区活动"\n'
                         'msgctxt "activities.yaml:activities[disaster-relief].title"\n'
                         'msgid "开展质量月<活动> & “支援”灾区"\nmsgstr "Support & <help>"\n')
    assert 'Content-Type: text/plain; charset=UTF-8\\n' in text


def test_a_target_edited_in_a_text_editor_and_the_xml_re_indented_reads_back():
    data = write_xliff(UNITS).decode("utf-8")
    edited = data.replace(">See all {count} slogans 😀</target>", ">Every one of the {count} slogans</target>")
    assert edited != data
    root = etree.fromstring(edited.encode("utf-8"))
    etree.indent(root, space="\t")  # as an editor's "format document" does
    units = read_xliff(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    changed = {unit.id: unit.target for unit in units}
    assert changed.pop("templates/strings.yaml:home.slogans_all") == "Every one of the {count} slogans"
    assert changed == {unit.id: unit.target for unit in UNITS if unit.id != "templates/strings.yaml:home.slogans_all"}
    assert [unit.source for unit in units] == [unit.source for unit in UNITS]


def test_a_target_added_to_an_empty_unit_in_a_text_editor_reads_back():
    data = write_xliff(UNITS).decode("utf-8")
    source = "<source>引号 \"双\" '单'\n第二行  \n</source>"
    assert source in data
    units = read_xliff(data.replace(source, source + "\n<target>Quotes \"double\" 'single'\nline 2\n</target>").encode())
    assert units[1].target == "Quotes \"double\" 'single'\nline 2\n"


def test_a_po_edited_in_a_text_editor_reads_back():
    data = write_po(UNITS).decode("utf-8")
    edited = data.replace('msgstr "See all {count} slogans 😀"', 'msgstr ""\n"All {count} slogans\\n"\n"on two lines"')
    units = read_po(edited.encode("utf-8"))
    assert units[3].target == "All {count} slogans\non two lines"
    assert [unit.target for index, unit in enumerate(units) if index != 3] == \
        [unit.target for index, unit in enumerate(UNITS) if index != 3]


def test_a_translator_file_from_a_cat_tool_in_xliff_1_1_reads():
    units = read_xliff((FIXTURES / "from-a-cat-tool.xlf").read_bytes())
    assert units == [Unit("campaign.yaml:name", "2008年全国质量月", "2008 National Quality Month"),
                     Unit("campaign.yaml:title", "关于开展“2008年全国质量月”活动的通知", "")]


@pytest.mark.parametrize(("read", "data", "message"), [
    (read_xliff, b"<xliff><file", "the file is not well-formed XML"),
    (read_xliff, b"not xml at all", "the file is not well-formed XML"),
])
def test_a_file_that_is_not_xliff_is_an_exchange_error(read, data, message):
    with pytest.raises(ExchangeError, match=message):
        read(data)


def test_a_unit_with_no_chinese_cannot_be_written_as_po():
    with pytest.raises(ExchangeError, match="x.yaml:t: a unit with no Chinese cannot be written as PO"):
        write_po([Unit("x.yaml:t", "")])


def test_the_glossary_s_terms_found_in_a_source_a_longer_term_answering_for_a_shorter_one_inside_it():
    terms = glossary_terms({"terms": [{"zh": "名牌产品", "en": "top-brand products"},
                                      {"zh": "中国名牌产品", "en": "China Top Brand products"},
                                      {"zh": "质量月", "en": "Quality Month"}, {"zh": 3}, "x"]})
    assert terms == (("名牌产品", "top-brand products"), ("中国名牌产品", "China Top Brand products"),
                     ("质量月", "Quality Month"))
    assert terms_in("中国名牌产品生产企业", terms) == (("中国名牌产品", "China Top Brand products"),)
    assert terms_in("中国名牌产品、省级名牌产品；质量月", terms) == terms
    assert terms_in("无", terms) == ()


def test_the_repository_s_glossary_reads():
    data = yaml.safe_load((Path(__file__).resolve().parents[2] / "glossary.yaml").read_text(encoding="utf-8"))
    terms = glossary_terms(data)
    assert len(terms) >= 40 and ("质量月", "Quality Month") in terms
