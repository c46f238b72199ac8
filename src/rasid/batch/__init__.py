"""Corpus-scale analysis: read many documents, analyze them in parallel (processes or
Dask), and store every result through the store's single writer.

``ingest`` is the entry point (``rasid ingest``); ``worker`` is what each process does
with one document; ``dask_runner`` runs partitions on a Dask cluster; ``sources`` reads
CSV tables and saved web pages beyond what ``rasid.io`` reads.
"""
