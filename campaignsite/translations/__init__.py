"""Translations that keep up: which English was made from which Chinese, and the round trip with translators.

Takes: the campaign's files (their text) and the record `translations.lock`.
Gives: the record read and written (`record`), a field's English set in a YAML or Markdown file's text
changing nothing else (`inplace`, `inplace_markdown`), units exchanged as XLIFF 1.2 or PO (`exchange`), and
why a translator's target is refused (`checks`). Nothing here writes a file: the commands do, atomically.
"""
