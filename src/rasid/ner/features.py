"""Token features for the CRF tagger, computed once per word form.

Almost everything a CRF needs about a token depends only on the token itself (its
matching key, affixes, clitic-stripped stem, shape, frequency, gazetteer hints), and
news repeats a small vocabulary endlessly. So each distinct word form is analysed once
and kept in a dict as five ready-made feature lists: the word's own features and the
features it contributes as the word two before, one before, one after and two after
some other token. Featurizing a sentence is then a list concatenation per token, plus
gazetteer marks for the few tokens that can start a knowledge-base name.

Features are ``bytes``: python-crfsuite encodes every ``str`` attribute to UTF-8 on each
call, and pre-encoded names skip that. When the tagger knows which attributes its model
has weights for, the cached lists keep only those (the rest cannot change a tag), which
makes the lists short and the cached names shared objects.

Tokens are cleaned the same way for training and tagging: the key folds hamza/alef
forms, ى/ي, ة/ه, diacritics and tatweel, and the letters of a token are separated from
digits and punctuation glued to them (ANERcorp writes ``سنة2006``, ``(د``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from rasid.caches import cache_size
from rasid.ner.clusters import load_clusters
from rasid.ner.cues import load_cues
from rasid.ner.gazetteer import Gazetteer, default_gazetteer
from rasid.text.clitics import shared_splitter
from rasid.text.lexicon import Lexicon, default_lexicon
from rasid.text.normalize import is_arabic_letter, match_key, strip_diacritics

#: What is cached per word form: the feature lists (own, and as seen from the token it
#: follows or precedes at distance one and two: ``-1:``, ``+1:``, ``-2:``, ``+2:``), the
#: key, the keys under which the form can start a gazetteer name, and the stem's key.
Entry = tuple[
    tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...],
    tuple[bytes, ...], str, tuple[str, ...], str
]


#: Settings added after the first shipped model, with the value that switches them off.
_ABSENT: dict[str, Any] = {"cues": False, "ngrams": 0, "single_names": False,
                           "clusters": False}


@dataclass(frozen=True)
class FeatureConfig:
    """Which features to extract; saved beside a model so tagging matches training."""

    affixes: int = 4
    """Longest prefix and suffix of the key (and of the stem) used as a feature."""
    window: int = 2
    """Neighbours on each side whose features a token sees (1 or 2)."""
    far_features: tuple[str, ...] = ("k", "st", "c", "cl")
    """Which kinds of features a neighbour at distance 2 contributes."""
    near_features: tuple[str, ...] = ("k", "st", "pc", "sh", "z", "nm", "gp", "c", "g1",
                                      "cl", "cf")
    """Which kinds of features a neighbour at distance 1 contributes."""
    zipf_step: float = 1.0
    """Width of a frequency bucket on wordfreq's zipf scale."""
    gazetteer: bool = True
    """Mark runs of tokens that are whole knowledge-base names, with the entry's kind."""
    name_parts: bool = True
    """Say which kinds of multi-word names a word begins or continues (``gp``)."""
    gazetteer_window: bool = True
    """Also tell a token about a name that ends just before it or starts just after."""
    cues: bool = True
    """Mark words of the classes in ``data/cues.json`` (titles, organization heads…)."""
    single_names: bool = True
    """Say which kinds of one-word knowledge-base names the word is on its own (``g1``),
    even where a longer name holds it (ANERcorp tags لبنان alone in جنوب لبنان)."""
    clusters: bool = True
    """Mark the word's clusters from ``data/clusters.tsv`` (``cl`` coarse, ``cf`` fine):
    words used alike in unlabelled news, so unseen names borrow from seen ones."""
    ngrams: int = 3
    """Letter n-grams of this length inside the stem (0: none); they carry the spelling
    habits of transliterated foreign names (``تش``, ``يف``) to names never seen."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeatureConfig:
        """Settings saved beside a model; a setting the file lacks is one added after
        the model was trained, so it takes the value that leaves the features as they
        were then (``_ABSENT``), not today's default."""
        known = {f.name for f in fields(cls)}
        values = {**_ABSENT, **{k: tuple(v) if isinstance(v, list) else v
                                for k, v in data.items() if k in known}}
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


def _shape(token: str) -> str:
    """A coarse word shape: Arabic, Latin (capitalized or not), digits, punctuation, mixed."""
    has_arabic = has_latin = has_digit = has_other = False
    for char in token:
        if char.isdigit():
            has_digit = True
        elif char.isalpha():
            if is_arabic_letter(char):
                has_arabic = True
            else:
                has_latin = True
        else:
            has_other = True
    if has_arabic:
        return "ar+d" if has_digit else "ar"
    if has_latin:
        return "Lat" if token[:1].isupper() else "lat"
    if has_digit:
        return "dig" if not has_other else "dig+p"
    return "pun" if has_other else "other"


#: where a name's prefix puts it in an entry (no prefix: the word's own feature)
_PREFIXES = {"-1:": 1, "+1:": 2, "-2:": 3, "+2:": 4}


def _places(known: dict[bytes, bytes]) -> dict[str, tuple[bytes | None, ...]]:
    """The model's attribute names by feature (``k=…``), each with the name the model
    has for it in the five places of an entry (own, ``-1:``, ``+1:``, ``-2:``,
    ``+2:``), or None where it has none. A name that is not UTF-8 is no feature's."""
    places: dict[str, list[bytes | None]] = {}
    for name in known:
        try:
            text = name.decode("utf-8")
        except UnicodeDecodeError:
            continue
        place = _PREFIXES.get(text[:3], 0)
        feature = text[3:] if place else text
        places.setdefault(feature, [None] * 5)[place] = name
    return {feature: tuple(names) for feature, names in places.items()}


def _digit_shape(token: str) -> str:
    """Digits folded to ``0`` so numbers share features (``2002`` → ``0000``)."""
    return "".join("0" if c.isdigit() else c for c in token)


class FeatureExtractor:
    """Turns a sentence of surface tokens into CRF attribute lists, caching per word form.

    ``known`` is the set of attributes a model has weights for; when given, the cached
    lists are filtered to it. ``max_cache`` bounds the number of cached forms (a form
    costs about 0.8 kB; by default ``ner_features`` in ``rasid/data/caches.json``), so
    memory stays flat over a long ingest. The cache keeps two
    generations of half that size each: when the current one is full it becomes the
    older one and the one before is dropped, and a form found in the older generation
    moves back to the current one. The frequent forms, used in every generation, stay;
    emptying the whole cache at once made every one of them costly again.
    """

    def __init__(
        self,
        config: FeatureConfig | None = None,
        lexicon: Lexicon | None = None,
        known: Collection[bytes] | None = None,
        gazetteer: Gazetteer | None = None,
        max_cache: int | None = None,
        cues: dict[str, tuple[str, ...]] | None = None,
        clusters: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.config = config or FeatureConfig()
        self.lexicon = lexicon if lexicon is not None else default_lexicon()
        # the segmenter has split most forms already: its splitter (and cache) is shared
        self.splitter = shared_splitter(self.lexicon)
        self._split = self.splitter.split
        self.known: dict[bytes, bytes] | None = (
            {name: name for name in known} if known is not None else None
        )
        # the known names by feature, unprefixed, in the five places of an entry: a new
        # form's feature is looked up once, and most (unknown) are never encoded
        self._places = _places(self.known) if self.known is not None else None
        self.gazetteer: Gazetteer | None = None
        if self.config.gazetteer:
            self.gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
            self._gaz_features = {
                kind: tuple(self._keep([f"{tag}={kind}".encode()])
                            for tag in ("gB", "gI", "-1:gE", "+1:gB"))
                for kind in self.gazetteer.kinds
            }
        self.cues: dict[str, tuple[str, ...]] = {}
        if self.config.cues:
            self.cues = cues if cues is not None else load_cues()
        self.clusters: dict[str, tuple[str, str]] = {}
        if self.config.clusters:
            self.clusters = clusters if clusters is not None else load_clusters()
        self.max_cache = cache_size("ner_features") if max_cache is None else max_cache
        self.cache: dict[str, Entry] = {}
        self._older: dict[str, Entry] = {}
        self._generation = max(1, self.max_cache // 2)
        self._pads = self._make_pads()

    def _make_pads(self) -> tuple[Entry, Entry]:
        bos: Entry = ((), self._keep([b"-1:BOS"]), (), self._keep([b"-2:BOS"]), (), "", (), "")
        eos: Entry = ((), (), self._keep([b"+1:EOS"]), (), self._keep([b"+2:EOS"]), "", (), "")
        return bos, eos

    def _keep(self, names: list[bytes]) -> tuple[bytes, ...]:
        """Keep the names the model knows, as the model's own (shared) objects."""
        known = self.known
        if known is None:
            return tuple(names)
        return tuple(known[n] for n in names if n in known)

    # -- per word form ----------------------------------------------------------------

    def analyse(self, token: str) -> dict[str, list[str]]:
        """The features of one word form by kind (``k`` key, ``st`` stem, …), unprefixed.

        Kinds: ``k`` cleaned key; ``p``/``s`` key prefixes and suffixes; ``st`` stem key
        after clitics; ``sp``/``ss`` stem affixes; ``pc`` proclitics; ``en`` pronoun
        suffix; ``sh`` shape; ``ln`` length; ``z`` frequency bucket of the key and of
        the stem; ``nm`` the lexicon's name hint (the key or stem is part of a name
        the knowledge base lists); ``gp`` which kinds of multi-word names the word
        begins (``person0``) or continues (``person1``); ``g`` glued digits or
        punctuation; ``c`` the cue classes of the word or its stem (``title``…);
        ``ng`` letter n-grams of the stem; ``cl``/``cf`` its coarse and fine word
        clusters (``cl=none``: a word too rare in the news to have one). (``g1``, the
        kinds of one-word names the word is, is added by :meth:`entry`, which looks the
        word up in the gazetteer.)
        """
        cfg = self.config
        surface = strip_diacritics(token)
        shape = _shape(surface)
        letters = "".join(c for c in surface if c.isalpha())
        if letters:
            core = letters
            glued = len(letters) != len(surface)
        else:
            core = _digit_shape(surface)
            glued = False
        key = match_key(core)
        out: dict[str, list[str]] = {"k": [key], "sh": [shape]}
        if glued:
            out["g"] = ["1"]
        if not letters:
            return out
        out["ln"] = [str(min(len(key), 10))]
        out["p"] = [key[:n] for n in range(1, cfg.affixes + 1) if len(key) > n]
        out["s"] = [key[-n:] for n in range(1, cfg.affixes + 1) if len(key) > n]
        lex = self.lexicon
        zipf = lex.zipf(key)
        out["z"] = [str(int(zipf / cfg.zipf_step)) if zipf else "u"]
        names = ["k"] if lex.is_name(key) else []
        if shape in ("ar", "ar+d"):
            self._stem_features(out, core, key, names)
        if names:
            out["nm"] = names
        self._knowledge_features(out, key)
        return out

    def _stem_features(self, out: dict[str, list[str]], core: str, key: str,
                       names: list[str]) -> None:
        """An Arabic word's stem after its clitics: the stem, its proclitics, n-grams,
        pronoun suffix, affixes, frequency and name hint (``names`` gains ``s``)."""
        cfg = self.config
        lex = self.lexicon
        pieces = self._split(core)
        stem_piece = next(p for p in pieces if p.role == "stem")
        stem = match_key(core[stem_piece.start : stem_piece.end])
        proclitics = "+".join(p.role for p in pieces if p.end <= stem_piece.start)
        suffix = core[stem_piece.end :]
        if len(pieces) == 1 and key.startswith("ال") and len(key) > 4:
            # the splitter keeps an unknown ال-word whole; names such as
            # الحريري still want their stem seen apart from the article
            stem, proclitics = key[2:], "det?"
        out["st"] = [stem]
        out["pc"] = [proclitics or "-"]
        if cfg.ngrams and len(stem) > cfg.ngrams:
            n = cfg.ngrams
            padded = f"<{stem}>"
            out["ng"] = sorted({padded[i : i + n] for i in range(len(padded) - n + 1)})
        if suffix:
            out["en"] = [match_key(suffix)]
        if stem != key:
            out["sp"] = [stem[:n] for n in range(2, cfg.affixes + 1) if len(stem) > n]
            out["ss"] = [stem[-n:] for n in range(2, cfg.affixes + 1) if len(stem) > n]
            stem_zipf = lex.zipf(stem)
            out["z"].append("s" + (str(int(stem_zipf / cfg.zipf_step)) if stem_zipf
                                   else "u"))
            if lex.is_name(stem):
                names.append("s")

    def _knowledge_features(self, out: dict[str, list[str]], key: str) -> None:
        """What the package's data says of the word or its stem: cue classes, word
        clusters, and the kinds of multi-word names it begins or continues."""
        cfg = self.config
        if self.cues:
            stem_key = out.get("st", ("",))[0]
            found_cues: set[str] = set()
            for candidate in (key, stem_key, "ال" + stem_key if stem_key else ""):
                found_cues.update(self.cues.get(candidate, ()))
            if found_cues:
                out["c"] = sorted(found_cues)
        if self.clusters:
            stem_key = out.get("st", ("",))[0]
            for candidate in (key, stem_key, "ال" + stem_key if stem_key else ""):
                cluster = self.clusters.get(candidate)
                if cluster is not None:
                    out["cl"], out["cf"] = [cluster[0]], [cluster[1]]
                    break
            else:
                out["cl"] = ["none"]
        if cfg.name_parts and self.gazetteer is not None:
            found = self.gazetteer.parts.get(key) or self.gazetteer.parts.get(
                out.get("st", ("",))[0], ())
            if found:
                out["gp"] = list(found)

    def entry(self, token: str) -> Entry:
        """The cached entry of a word form (computed on first sight)."""
        found = self.cache.get(token)
        if found is not None:
            return found
        found = self._older.get(token)
        if found is None:
            found = self._compute(token)
        if len(self.cache) >= self._generation:
            self._older, self.cache = self.cache, {}
        self.cache[token] = found
        return found

    @property
    def cached_forms(self) -> int:
        """How many forms the cache holds (both generations)."""
        return len(self.cache) + len(self._older)

    def _compute(self, token: str) -> Entry:
        kinds, key, firsts, stem = self.describe(token)
        cfg = self.config
        if self._places is not None:
            own_kept, near_kept, far_kept = self._kept(kinds, self._places)
            return (own_kept, *near_kept, *far_kept, key, firsts, stem)
        own = [b"b"]
        for kind, values in kinds.items():
            own.extend(f"{kind}={v}".encode() for v in values)
        near = [(kind, v) for kind in cfg.near_features for v in kinds.get(kind, ())]
        far = [(kind, v) for kind in cfg.far_features for v in kinds.get(kind, ())]
        keep = self._keep
        result: Entry = (
            keep(own),
            keep([f"-1:{k}={v}".encode() for k, v in near]),
            keep([f"+1:{k}={v}".encode() for k, v in near]),
            keep([f"-2:{k}={v}".encode() for k, v in far]) if cfg.window > 1 else (),
            keep([f"+2:{k}={v}".encode() for k, v in far]) if cfg.window > 1 else (),
            key,
            firsts,
            stem,
        )
        return result

    def describe(self, token: str) -> tuple[dict[str, list[str]], str, tuple[str, ...], str]:
        """A word form's features by kind (:meth:`analyse`, with ``g1``), its key, the
        keys under which it can start a gazetteer name, and its stem's key."""
        kinds = self.analyse(token)
        cfg = self.config
        key = kinds["k"][0]
        firsts: tuple[str, ...] = ()
        if self.gazetteer is not None:
            candidates = [key, *kinds.get("st", ())]
            if "det" in kinds.get("pc", ("",))[0]:
                candidates.append("ال" + candidates[-1])
            index = self.gazetteer.index
            firsts = tuple(dict.fromkeys(c for c in candidates if c in index))
            if cfg.single_names and firsts:
                alone = sorted({kind for c in firsts for rest, names in index[c]
                                if not rest for kind in names})
                if alone:
                    kinds["g1"] = alone
        return kinds, key, firsts, kinds.get("st", kinds["k"])[0]

    def _kept(self, kinds: dict[str, list[str]], places: dict[str, tuple[Any, ...]]
              ) -> tuple[tuple[Any, ...], tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...]]:
        """The model's names of a form's features, in the order :meth:`_compute` lists
        them: its own, as the word one before and after, two before and after.
        ``places`` is :attr:`_places` or the same table with other values in it (the
        CRF decoder's attribute rows), None where the model has no such attribute."""
        cfg = self.config
        get = places.get
        own: list[Any] = []
        found = get("b")
        if found is not None and found[0] is not None:
            own.append(found[0])
        for kind, values in kinds.items():
            for value in values:
                found = get(f"{kind}={value}")
                if found is not None and found[0] is not None:
                    own.append(found[0])
        sides: list[tuple[Any, ...]] = []
        for kinds_there, before, after in ((cfg.near_features, 1, 2),
                                           (cfg.far_features, 3, 4)):
            first: list[Any] = []
            second: list[Any] = []
            for kind in kinds_there:
                for value in kinds.get(kind, ()):
                    found = get(f"{kind}={value}")
                    if found is not None:
                        if found[before] is not None:
                            first.append(found[before])
                        if found[after] is not None:
                            second.append(found[after])
            sides += [tuple(first), tuple(second)]
        far = (sides[2], sides[3]) if cfg.window > 1 else ((), ())
        return tuple(own), (sides[0], sides[1]), far

    def stem(self, token: str) -> str:
        """The matching key of the token's stem, behind its clitics."""
        return (self.cache.get(token) or self.entry(token))[7]

    # -- per sentence -----------------------------------------------------------------

    def sentence(self, tokens: Sequence[str]) -> list[list[bytes]]:
        """CRF attribute lists for each token of a sentence."""
        get = self.cache.get
        entries = [get(t) or self.entry(t) for t in tokens]
        bos, eos = self._pads
        padded = [bos, bos, *entries, eos, eos]
        rows = [
            [*padded[i + 2][0], *padded[i + 1][1], *padded[i + 3][2],
             *padded[i][3], *padded[i + 4][4]]
            for i in range(len(entries))
        ]
        if self.gazetteer is not None:
            firsts = [e[6] for e in entries]
            if any(firsts):
                self._mark_names(rows, firsts, [e[5] for e in entries])
        return rows

    def _mark_names(self, rows: list[list[bytes]], firsts: list[tuple[str, ...]],
                    keys: list[str]) -> None:
        """Add gazetteer features to the tokens of each knowledge-base name found."""
        for row, names in self.name_marks(firsts, keys):
            rows[row].extend(names)

    def name_marks(self, firsts: Sequence[tuple[str, ...]], keys: Sequence[str]
                   ) -> list[tuple[int, tuple[bytes, ...]]]:
        """The gazetteer features of a sentence as ``(token, names)``, in the order
        they go at the end of each token's row: where each knowledge-base name found
        begins and continues, and (with ``gazetteer_window``) the tokens just after
        and before it. ``firsts`` and ``keys`` are the tokens' entry fields 6 and 5."""
        assert self.gazetteer is not None
        window = self.config.gazetteer_window
        count = len(keys)
        marks: list[tuple[int, tuple[bytes, ...]]] = []
        for start, end, kinds in self.gazetteer.match(list(firsts), list(keys)):
            for kind in kinds:
                begin, inside, before, after = self._gaz_features[kind]
                marks.append((start, begin))
                marks.extend((i, inside) for i in range(start + 1, end))
                if window:
                    if end < count:
                        marks.append((end, before))
                    if start > 0:
                        marks.append((start - 1, after))
        return marks
