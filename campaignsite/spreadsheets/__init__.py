"""Spreadsheets of activities, one room for the feature: a workbook looked at within its budget (`workbooks`), read
as cells (`sheets`), its columns and cells (`cells`, derived from the activity schema), its rows (`rows`), what an
import would change, merged and validated (`plan`, editing YAML in place through `edit`), and the files the tool
writes (`files`: the template and the export).

Takes: a spreadsheet's path (or a campaign's activities, for the export).
Gives: what `commands.spreadsheets` writes and prints. The walk goes one way: workbooks <- sheets <- cells <-
rows | edit <- plan; files beside plan. Nothing here writes a file: the command does, through `sourcefiles`.
"""
