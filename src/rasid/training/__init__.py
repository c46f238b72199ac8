"""Training that needs the whole pipeline and the scorers.

The event decision is learned from the coder's own candidates on analyzed articles and
tuned by the corpus scorer, so its trainer imports ``rasid.pipeline`` and
``rasid.evaluate``; it lives here, above both, so that ``rasid.events`` imports neither.
(The tagger and topic trainers need only their own package and stay there.)
"""
