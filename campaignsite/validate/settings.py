"""What other stages need of campaign.yaml without the whole campaign: the site's address and its time zone.

Takes: campaign.yaml's `YamlDoc` (read quickly or exactly), or the campaign folder.
Gives: `Settings`, each value read by the same kind, with the same defaults, as the model reads it (`campaign`):
`base_url` the site's full address ending in '/' ("/" when it is missing or wrong), `timezone` an IANA name (the
default when it is missing or wrong). Nothing is reported here: the build reports what is wrong, at its line. The
build date needs the zone before anything else is read (`options.BuildOptions.day`), the translations' export the
address of each page (`translations.status`): neither reads campaign.yaml's mapping itself.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..errors import ProblemLog
from ..load import YamlDoc, check_file, load_yaml, within
from ..model import DEFAULT_TIMEZONE
from . import schema
from .reader import Reader

CAMPAIGN_FILE = "campaign.yaml"


class Settings(NamedTuple):
    base_url: str  # "/" when campaign.yaml gives none that is right
    timezone: str


DEFAULTS = Settings("/", DEFAULT_TIMEZONE)


def site_settings(doc: YamlDoc) -> Settings:
    """campaign.yaml's `site.base_url` and `site.timezone`, as the model has them."""
    reader = Reader(doc, ProblemLog())
    if not isinstance(reader.get(("site",)), dict):
        return DEFAULTS
    return Settings(reader.url(("site", "base_url"), required=False),
                    schema.field("site", "timezone").read(reader, ("site",)))


def read_settings(site_dir: Path) -> Settings:
    """The settings of the campaign folder's campaign.yaml; the defaults when it cannot be read (the build says why)."""
    info, problem = check_file(site_dir / CAMPAIGN_FILE, CAMPAIGN_FILE, within(site_dir))
    doc = load_yaml(site_dir / CAMPAIGN_FILE, CAMPAIGN_FILE, exact=False)[0] if info and not problem else None
    return site_settings(doc) if doc is not None else DEFAULTS
