"""Writes of the web pages, each a keyword-only function `<entity>_<action>` in one transaction.

- officials.py: officials and their dated records, with a ChangeRecord per change;
- official_list_export.py: the filtered list as a simple XLSX;
- import_jobs.py: an uploaded workbook kept between dry run and commit, run in the background.
"""
