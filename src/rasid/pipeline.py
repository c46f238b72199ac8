"""The pipeline: repair, then a Doc, then components registered by name.

Components follow one shape, ``__call__(doc) -> doc`` (spaCy's ``Language.factory``
idea): each is registered with what it needs and what it sets, and the pipeline checks
that order when it is built, so a misconfigured pipeline fails at once and says why.
Heavy resources (the lexicon, later the knowledge base and models) are built once per
Pipeline and shared by its components; a Pipeline holds no global mutable state, so two
can live in one process and each Dask worker builds its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rasid import settings as settings_module
from rasid.analysis import Analysis
from rasid.doc import Doc, DocMeta, content_id
from rasid.errors import AnalysisError, InputError, PipelineError, RasidError
from rasid.io import Document, check_text
from rasid.kb.loader import KnowledgeBase, default_knowledge_base
from rasid.text.lexicon import Lexicon
from rasid.text.repair import Repairer
from rasid.text.segment import Segmenter

if TYPE_CHECKING:
    from rasid.entities.resources import EntityResources


class Component(Protocol):
    def __call__(self, doc: Doc) -> Doc: ...


@dataclass(frozen=True)
class ComponentInfo:
    name: str
    factory: Callable[[Resources, dict[str, Any]], Component]
    requires: tuple[str, ...]
    sets: tuple[str, ...]
    description: str


_REGISTRY: dict[str, ComponentInfo] = {}

#: What every Doc has before any component runs.
BASE_ATTRIBUTES = ("text", "repairs")


def register(name: str, *, requires: Iterable[str] = (), sets: Iterable[str] = (),
             description: str = "") -> Callable:
    """Register a component factory under ``name``."""

    def decorator(factory: Callable[[Resources, dict[str, Any]], Component]) -> Callable:
        _REGISTRY[name] = ComponentInfo(name, factory, tuple(requires), tuple(sets), description)
        return factory

    return decorator


def registered() -> dict[str, ComponentInfo]:
    """The registered components, by name."""
    return dict(_REGISTRY)


class Resources:
    """Shared, read-only resources, built on first use and reused by every component.

    The knowledge base is loaded once (the shipped files, then ``kb_files``) and the
    lexicon, the entity index and the tagger's gazetteer are all derived from it, so a
    user's entry reaches every one of them. Without ``kb_files`` these are the
    process-wide shipped ones, shared by every such pipeline.
    """

    def __init__(self, kb_files: list[str],
                 knowledge_base: KnowledgeBase | None = None) -> None:
        self.kb_files = [Path(p) for p in kb_files]
        if knowledge_base is not None:
            if self.kb_files:
                raise PipelineError("give knowledge-base files or a knowledge base, not both")
            self.__dict__["kb"] = knowledge_base  # already loaded (a store's, say)

    @classmethod
    def of(cls, knowledge_base: KnowledgeBase) -> Resources:
        """Resources derived from a knowledge base loaded elsewhere (the dashboard's,
        from the files its store recorded)."""
        return cls([], knowledge_base)

    @cached_property
    def kb(self) -> KnowledgeBase:
        return KnowledgeBase.load(self.kb_files)

    @cached_property
    def lexicon(self) -> Lexicon:
        if self.kb is default_knowledge_base():
            from rasid.text.lexicon import default_lexicon

            return default_lexicon()
        return Lexicon.build(self.kb)

    @cached_property
    def entities(self) -> EntityResources:
        from rasid.entities.resources import EntityResources

        return EntityResources(self.lexicon, self.kb)


@register("segment", requires=("text",), sets=("tokens", "sentences"),
          description="Surface tokens, the clitics and stems inside them, and sentences.")
class SegmentComponent:
    def __init__(self, resources: Resources, settings: dict[str, Any]) -> None:
        self.segmenter = Segmenter(resources.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        doc.tokens = self.segmenter.tokens(doc.text)
        doc.sentences = self.segmenter.sentences(doc.text, doc.tokens)
        doc.done.update(("tokens", "sentences"))
        return doc


@register("dates", requires=("tokens", "sentences"), sets=("dates",),
          description="Date expressions (أمس، الثلاثاء الماضي، 27 مارس 2017) resolved "
                      "against the article date.")
class DatesComponent:
    def __init__(self, resources: Resources, settings: dict[str, Any]) -> None:
        pass

    def __call__(self, doc: Doc) -> Doc:
        from rasid.dates import find_doc_dates

        doc.layers.dates = find_doc_dates(doc)
        doc.done.add("dates")
        return doc


@register("entities", requires=("tokens", "sentences"), sets=("mentions", "entities"),
          description="Actors and places: gazetteer, titles, tagger, linking, descriptors.")
class EntitiesComponent:
    def __init__(self, resources: Resources, settings: dict[str, Any]) -> None:
        from rasid.entities.recognize import EntityRecognizer

        self.recognizer = EntityRecognizer(resources.entities)

    def __call__(self, doc: Doc) -> Doc:
        return self.recognizer(doc)


@register("quotes", requires=("tokens", "sentences", "mentions"), sets=("quotes",),
          description="Quotations: speaker, cue, content, kind, medium, carry-over.")
class QuotesComponent:
    def __init__(self, resources: Resources, settings: dict[str, Any]) -> None:
        from rasid.quotes.extract import QuoteExtractor

        self.extractor = QuoteExtractor()

    def __call__(self, doc: Doc) -> Doc:
        return self.extractor(doc)


@register("events", requires=("tokens", "sentences", "mentions"), sets=("events",),
          description="PLOVER events with actors, modality, date, place and evidence.")
class EventsComponent:
    def __init__(self, resources: Resources, settings: dict[str, Any]) -> None:
        from rasid.events.coder import EventCoder
        from rasid.events.lexicon import EventLexicon

        kb = resources.kb

        def place_country(entity_id: str) -> str | None:
            entity = kb.get(entity_id)
            return entity.country if entity is not None else None

        def org_code(entity_id: str) -> str | None:
            """An organization's international code (UNO, IGO, EUR…), not a state's."""
            entity = kb.get(entity_id)
            return entity.code if entity is not None and entity.kind == "org" and \
                entity.code and not entity.country else None

        self.coder = EventCoder(EventLexicon(resources.lexicon), place_country,
                                org_code=org_code)
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        doc = self.coder(doc)
        self._add_participants(doc)
        return doc

    def _add_participants(self, doc: Doc) -> None:
        """Entities an event names without a mention of their own (the country of the
        place a visit went to) join the entities layer, so every id an event carries
        resolves inside the Analysis."""
        entities = doc.layers.entities
        known = {entity["id"] for entity in entities}
        for event in doc.layers.events:
            ids = [*event.actor, *event.recipient,
                   *(argument.get("entity") for argument in event.arguments)]
            for entity_id in ids:
                if not entity_id or entity_id in known:
                    continue
                entity = self.kb.get(entity_id)
                if entity is not None:
                    data = entity.to_dict(doc.meta.date)
                    data["mentions"] = []
                    entities.append(data)
                    known.add(entity_id)


@register("topics", requires=("text",), sets=("topics",),
          description="Topics of the article (politics, economy, sports…) with scores.")
class TopicsComponent:
    def __init__(self, resources: Resources, settings: dict[str, Any]) -> None:
        from rasid.topics.model import default_model

        self.model = default_model()

    def __call__(self, doc: Doc) -> Doc:
        doc.layers.topics = self.model.predict(doc.text, doc.meta.title)
        doc.done.add("topics")
        return doc


@register("geo", requires=("events",), sets=("geo",),
          description="Coordinates, admin-1 region and country of each event's place.")
class GeoComponent:
    def __init__(self, resources: Resources, settings: dict[str, Any]) -> None:
        from rasid.geo.locate import Locator

        self.locator = Locator(resources.kb.get)

    def __call__(self, doc: Doc) -> Doc:
        doc.layers.geo = self.locator.event_places(doc.layers.events)
        doc.done.add("geo")
        return doc


@register("tone", requires=("events",), sets=("tone",),
          description="Tone from the events (Goldstein, conflict share) and from words.")
class ToneComponent:
    def __init__(self, resources: Resources, settings: dict[str, Any]) -> None:
        from rasid.tone.compute import tone

        self.tone = tone

    def __call__(self, doc: Doc) -> Doc:
        doc.summaries["tone"] = self.tone(doc.layers.events, doc.text)
        doc.done.add("tone")
        return doc


class Pipeline:
    """Repair and analysis of documents; build once, call many times."""

    def __init__(self, settings: dict[str, Any] | None = None, *,
                 config: str | Path | None = None, resources: Resources | None = None,
                 **overrides: Any) -> None:
        """``resources``: share those of another pipeline, or of a knowledge base loaded
        elsewhere (``Resources.of(kb)``), instead of building them from ``kb_files``."""
        merged = dict(settings or {})
        merged.update(overrides)
        self.settings = settings_module.resolve(merged, config)
        if resources is not None and self.settings["kb_files"]:
            raise PipelineError("give kb_files or shared resources, not both")
        self.resources = resources or Resources(self.settings["kb_files"])
        self.names = list(self.settings["pipeline"])
        self._check_order()
        self._components: list[Component] | None = None
        self._repairer: Repairer | None = None

    def _check_order(self) -> None:
        available = set(BASE_ATTRIBUTES)
        for name in self.names:
            info = _REGISTRY.get(name)
            if info is None:
                raise PipelineError(
                    f"unknown component '{name}' (registered: {', '.join(sorted(_REGISTRY))})"
                )
            missing = [r for r in info.requires if r not in available]
            if missing:
                raise PipelineError(
                    f"component '{name}' needs {missing}, which no earlier component sets; "
                    "put the component that sets it first"
                )
            available.update(info.sets)

    @property
    def repairer(self) -> Repairer:
        if self._repairer is None:
            self._repairer = Repairer(self.resources.lexicon,
                                      disabled=frozenset(self.settings["repair_disabled"]))
        return self._repairer

    @property
    def components(self) -> list[Component]:
        if self._components is None:
            self._components = [
                _REGISTRY[name].factory(self.resources, self.settings) for name in self.names
            ]
        return self._components

    def make_doc(self, document: Document) -> Doc:
        """Check and repair the document's text and build its Doc (no components run)."""
        check_text(document, self.settings["max_chars"], self.settings["min_arabic_share"])
        repaired = self.repairer.repair(document.text)
        meta = DocMeta(document.id or content_id(document.text), document.date,
                       document.title, document.source, document.url)
        return Doc(repaired, meta)

    def run(self, document: Document) -> Analysis:
        """Analyze one document; raises InputError when it cannot be analyzed."""
        doc = self.make_doc(document)
        for component in self.components:
            doc = component(doc)
        return Analysis(doc)

    def analyze(self, text: str, date: str | None = None, *, id: str | None = None,
                title: str | None = None, source: str | None = None,
                url: str | None = None) -> Analysis:
        """Analyze one text given as a string."""
        return self.run(Document(text=text, id=id, date=date, title=title, source=source,
                                 url=url, origin=id or "<text>"))

    def pipe(self, documents: Iterable[Document | InputError]
             ) -> Iterator[Analysis | InputError]:
        """Analyze many documents; failures are yielded as InputError, never dropped.

        Each failure names its document: where it was read from, else its id, else its
        place in ``documents`` (``<text 3>``).

        An unexpected error inside a component (a bug) fails that document only, with
        the component's error named, so one bad article never stops a corpus run. A
        RasidError that is not about the document (a bad ``--kb`` file) is raised: it
        would fail every document alike.
        """
        for position, document in enumerate(documents, start=1):
            if isinstance(document, InputError):
                yield document
                continue
            if document.name == "<text>":  # neither an origin nor an id: its place
                document = replace(document, origin=f"<text {position}>")
            try:
                yield self.run(document)
            except InputError as error:
                yield error
            except RasidError:
                # a data file broken by an edit (DataFileError), a bad knowledge-base
                # file or setting: every document would fail, so stop and name it
                raise
            except Exception as error:  # recorded per document, never hidden
                yield AnalysisError(document.name,
                                    f"internal error while analyzing ({type(error).__name__}: "
                                    f"{error}); please report it")
