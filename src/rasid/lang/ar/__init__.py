"""The home of rasid's Arabic language data.

Everything rasid knows about Arabic as a language, as opposed to what it knows about
the world (the knowledge base under ``rasid/kb``) or about one task (the event
ontology, the quotation cues): letters and their folding (``charmaps.json``), clitics
and particles (``morphology.json``, ``clitics.json``), abbreviations, number words,
months and weekdays, titles and given names, and the word lists the components look
words up in (``words.json``). The files live in ``data/`` next to this module, each list
with a line saying what it is for, so a user can read and extend them without touching
code; they are read through ``rasid.resources`` like every packaged file.

``rasid.lang.ar.clitics`` holds the small string helpers that every component shares
for the clitics of a matching key (the leading conjunction و/ف), so the rule is written
once instead of once per module.
"""
