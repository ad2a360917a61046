"""Translations that keep up: which English was made from which Chinese, and the round trip with translators.

Takes: the campaign's files (their text) and the record `translations.lock`.
Gives: every translated field of the loaded sources and its status (`fields`, re-exporting `validate.translated`,
where the build finds the stale ones; the record is read in `load.lockfile`), a campaign's translations read for the
commands and their status report (`status`), the record read and written (`record`), a field's English set in a YAML
or Markdown file's text changing nothing else (`inplace`, `inplace_markdown`), units exchanged as XLIFF 1.2 or PO
(`exchange`), why a translator's target is refused (`checks`), what an export holds and an import would change
(`roundtrip`), and whether the campaign would still build with it (`buildable`). Nothing here writes a file: the
commands do, atomically.
"""
