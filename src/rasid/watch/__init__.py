"""Live monitoring: watch folders and feeds, store what arrives, alert on shifts.

``rasid watch`` runs a loop (``runner``): each round it looks for new and changed
files in the watched folders (``folders``) and new and changed items in the followed
RSS/Atom feeds (``feeds``), analyzes them with the same reader and worker code as
``rasid ingest`` (so an article is stored exactly as an ingest would store it, once),
writes each batch in one transaction together with what was read (``state``), then
looks for shifts (``alerts``) and posts new alerts to a webhook (``webhook``). The
store is held only while a batch is written (``rasid.store.gate``), so ``rasid serve``
on the same store keeps answering and shows each batch within seconds.
"""
