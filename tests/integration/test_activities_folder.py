"""A campaign with many activities may keep them one file each in activities/: same site, exact messages."""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.helpers import copy_fixture, run_build


def split_into_folder(site: Path) -> list[Path]:
    """Move the fixture's activities.yaml into activities/NN-slug.yaml, one activity each, in order."""
    activities = yaml.safe_load((site / "activities.yaml").read_text(encoding="utf-8"))["activities"]
    (site / "activities.yaml").unlink()
    folder = site / "activities"
    folder.mkdir()
    files = []
    for number, activity in enumerate(activities, start=1):
        path = folder / f"{number * 10:04d}-{activity['slug']}.yaml"
        path.write_text(yaml.safe_dump(activity, allow_unicode=True, sort_keys=False), encoding="utf-8")
        files.append(path)
    return files


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def failed_build(site: Path) -> str:
    """The messages of a build that must fail (exit status 1)."""
    result = run_build("build", "--site", str(site))
    assert result.returncode == 1
    return result.stderr


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_folder_of_activity_files_builds_the_same_site_as_one_file(tmp_path):
    single = copy_fixture("reading-festival", tmp_path / "one")
    folder = copy_fixture("reading-festival", tmp_path / "many")
    split_into_folder(folder)
    for site in (single, folder):
        result = run_build("build", "--site", str(site), env={"SOURCE_DATE_EPOCH": "1743465600"})
        assert result.returncode == 0, result.stderr
    assert files_of(folder / "output") == files_of(single / "output")


def test_a_mistake_in_an_activity_file_names_that_file(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    files = split_into_folder(site)
    edit(files[1], "  en: Reading Marathon\n", "")
    assert failed_build(site).splitlines()[0] == (
        "activities/0020-reading-marathon.yaml:2:1: title.en: the English title is missing — add 'en: …' under "
        "'title' (or set site.translation_fallback: true to publish the original for now)")


def test_a_slug_used_by_two_files_names_the_first(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    files = split_into_folder(site)
    edit(files[2], "slug: author-talks", "slug: book-fair")
    assert "activities/0030-author-talks.yaml:1:7: slug: the slug 'book-fair' is already used by " \
           "activities/0010-book-fair.yaml — give each activity a slug of its own" in failed_build(site)


def test_the_file_and_the_folder_together_give_the_file_first_then_the_folder(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    original = (site / "activities.yaml").read_text(encoding="utf-8")
    files = split_into_folder(site)
    kept = files[0].read_text(encoding="utf-8")
    for path in files:
        path.unlink()
    (site / "activities.yaml").write_text(original.replace("slug: book-fair", "slug: book-fair-notice"), encoding="utf-8")
    files[0].write_text(kept.replace("slug: book-fair", "slug: local-fair") + "in_notice: false\n", encoding="utf-8")
    result = run_build("build", "--site", str(site))
    assert result.returncode == 0, result.stderr
    data = json.loads((site / "output" / "data" / "activities.json").read_text(encoding="utf-8"))
    slugs = [item["slug"] for item in (data["activities"] if isinstance(data, dict) else data)]
    assert slugs[-1] == "local-fair" and slugs[0] == "book-fair-notice"


def test_a_slug_in_the_file_and_in_the_folder_names_the_file(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    original = (site / "activities.yaml").read_text(encoding="utf-8")
    split_into_folder(site)
    (site / "activities.yaml").write_text(original, encoding="utf-8")
    assert "activities/0010-book-fair.yaml:1:7: slug: the slug 'book-fair' is already used by activities.yaml " \
           "— give each activity a slug of its own" in failed_build(site)


def test_an_edited_activity_file_is_read_again_and_the_others_come_from_the_cache(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    files = split_into_folder(site)
    assert run_build("build", "--site", str(site)).returncode == 0
    assert (site / ".output.cache" / "readings.pickle").is_file()
    edit(files[0], "Spring Book Fair", "Spring Book Market")
    result = run_build("build", "--site", str(site))
    assert result.returncode == 0, result.stderr
    page = (site / "output" / "en" / "activities" / "book-fair" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Spring Book Market</h1>" in page


def _plan(site: Path, readings, memo):
    from campaignsite.pipeline import BuildOptions, Session, plan_site

    planned, _, _ = plan_site(BuildOptions(site, site / "output"), Session(readings=readings, activities=memo))
    return planned.site


def test_an_activity_file_is_read_again_only_when_it_or_what_its_reading_depends_on_changed(tmp_path, monkeypatch):
    import pickle

    from campaignsite.load import ReadingCache
    from campaignsite.validate import ActivityMemo, activities

    site = copy_fixture("reading-festival", tmp_path)
    files = split_into_folder(site)
    reads: list[str] = []
    original = activities._read_activity
    monkeypatch.setattr(activities, "_read_activity", lambda reader, *rest: reads.append(reader.doc.file)
                        or original(reader, *rest))
    readings, memo = ReadingCache(), ActivityMemo(tool="this version")

    def next_build():  # what the next process starts from: the caches as saved and read back
        nonlocal readings, memo
        readings = ReadingCache(pickle.loads(pickle.dumps(readings.entries)))
        memo = ActivityMemo(pickle.loads(pickle.dumps(memo.entries)), memo.tool)
        reads.clear()
        return _plan(site, readings, memo)

    first = _plan(site, readings, memo)
    assert len(reads) == len(files) and memo.dirty
    assert next_build() == first and reads == []
    edit(files[1], "  en: Reading Marathon\n", "  en: The Reading Marathon\n")
    edited = next_build()
    assert reads == ["activities/0020-reading-marathon.yaml"]
    assert edited == _plan(site, ReadingCache(), ActivityMemo()) != first
    edit(site / "campaign.yaml", "bodies:\n", "bodies:\n  - slug: new-body\n    name: {zh: 新单位, en: A New Body}\n")
    next_build()
    assert len(reads) == len(files)  # the bodies an activity may name changed: every file is read again
    memo = ActivityMemo(memo.entries, "another version")
    next_build()
    assert len(reads) == len(files)


def test_a_rebuild_after_editing_one_activity_file_equals_a_full_build(tmp_path):
    site = copy_fixture("reading-festival", tmp_path / "edited")
    files = split_into_folder(site)
    env = {"SOURCE_DATE_EPOCH": "1743465600"}
    assert run_build("build", "--site", str(site), env=env).returncode == 0
    edit(files[2], "  en: Author Talks\n", "  en: Talks by Authors\n")
    assert run_build("build", "--site", str(site), env=env).returncode == 0
    full = copy_fixture("reading-festival", tmp_path / "full")
    split_into_folder(full)
    (full / "activities" / files[2].name).write_bytes(files[2].read_bytes())
    assert run_build("build", "--site", str(full), env=env).returncode == 0
    assert files_of(site / "output") == files_of(full / "output")


def test_an_item_of_activities_yaml_is_read_again_only_when_its_text_changed(tmp_path, monkeypatch):
    import pickle

    from campaignsite.load import ReadingCache
    from campaignsite.validate import ActivityMemo, activities

    site = copy_fixture("reading-festival", tmp_path)
    reads: list[str] = []
    original = activities._read_activity
    monkeypatch.setattr(activities, "_read_activity", lambda reader, path, *rest: reads.append(path[1])
                        or original(reader, path, *rest))
    readings, memo = ReadingCache(), ActivityMemo(tool="this version")
    first = _plan(site, readings, memo)
    count = len(first.activities)
    assert sorted(reads) == list(range(count))

    def next_build():
        nonlocal readings, memo
        readings = ReadingCache(pickle.loads(pickle.dumps(readings.entries)))
        memo = ActivityMemo(pickle.loads(pickle.dumps(memo.entries)), memo.tool)
        reads.clear()
        return _plan(site, readings, memo)

    assert next_build() == first and reads == []
    edit(site / "activities.yaml", "en: Reading Marathon}", "en: The Reading Marathon}")
    edited = next_build()
    assert reads == [1] and edited.activities[1].title.en == "The Reading Marathon"
    assert edited == _plan(site, ReadingCache(), ActivityMemo())
    assert len(memo.entries) == count  # the item's earlier text is forgotten
