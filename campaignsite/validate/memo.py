"""Activities read before, kept from one build to the next: only what changed is read again.

Takes: a quick reading's `YamlDoc` (an activity file of activities/, or activities.yaml with its items' stamps),
what every activity's reading depends on (the campaign's bodies, year and fallback, the stale fields, the code).
Gives: the `Activity` read last time from the same file or item, unchanged since, or None (then it is read, and
kept when its reading had nothing to say). An activity file is known by its stamp (size, modification time and
inode, which the reading cache trusts too); an item of activities.yaml by the digest of its text (load.listitems).
An edit of one activity among thousands reads that one again, in either layout.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import ProblemLog
from ..load import YamlDoc
from ..model import Activity, Body
from .translated import StaleTexts

Spot = tuple[str, str]  # where an activity was read (a file, or file#item digest) and what its reading depended on


@dataclass
class ActivityMemo:
    entries: dict[str, tuple[str, Activity]] = field(default_factory=dict)  # where -> (what it depended on, it)
    tool: str = ""  # the digest of the code that reads them
    dirty: bool = False
    seen: set[str] = field(default_factory=set)  # the places asked about by this build

    def context(self, fallback: bool, year: int | None, bodies: dict[str, Body], stale: StaleTexts | None) -> str:
        text = repr((self.tool, fallback, year, sorted(bodies.items()), stale.mode if stale else None))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def file_spot(self, doc: YamlDoc, context: str, stale: StaleTexts | None) -> Spot | None:
        """An activity file's place and key; None for an exact reading (made only when there is something to say:
        it is read) or one without a stamp."""
        if doc.exact or doc.stamp is None:
            return None
        return doc.file, f"{context}|{_stale_paths(doc, stale, ())}|{doc.stamp}"

    def item_spot(self, doc: YamlDoc, index: int, context: str, stale: StaleTexts | None) -> Spot | None:
        """The place and key of item `index` of a list file read quickly with its items' stamps."""
        if doc.exact or doc.item_stamps is None or index >= len(doc.item_stamps):
            return None
        stamp = doc.item_stamps[index]
        return f"{doc.file}#{stamp}", f"{context}|{_stale_paths(doc, stale, ('activities', index))}"

    def known(self, spot: Spot | None, number: int) -> Activity | None:
        if spot is None:
            return None
        self.seen.add(spot[0])
        entry = self.entries.get(spot[0])
        if entry is None or entry[0] != spot[1]:
            return None
        activity = entry[1]
        return activity if activity.number == number else dataclasses.replace(activity, number=number)

    def keep(self, spot: Spot | None, activity: Activity) -> None:
        if spot is not None:
            self.entries[spot[0]] = (spot[1], activity)
            self.dirty = True

    def read(self, spot: Spot | None, log: ProblemLog, read: Callable[[], Activity | None]) -> Activity | None:
        """`read()`'s activity, kept at `spot` when its reading had nothing to say."""
        said = len(log.problems)
        activity = read()
        if activity is not None and len(log.problems) == said:
            self.keep(spot, activity)
        return activity

    def begin(self) -> None:
        self.seen.clear()

    def prune(self) -> None:
        """Forget what this build did not ask about (files removed, items edited since)."""
        if self.seen and len(self.seen) < len(self.entries):
            self.entries = {where: entry for where, entry in self.entries.items() if where in self.seen}
            self.dirty = True


def _stale_paths(doc: YamlDoc, stale: StaleTexts | None, under: tuple) -> list:
    if stale is None or not stale.fields:
        return []
    return sorted(path[len(under):] for path in stale.paths(doc.file) if path[:len(under)] == under)
