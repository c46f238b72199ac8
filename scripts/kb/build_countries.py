#!/usr/bin/env python3
"""Build src/rasid/kb/data/countries.jsonl (the `country` entries of the actor knowledge base)
and check it together with places.jsonl.

Run after build_places.py (the capitals are read from places.jsonl):

    python scripts/kb/build_places.py
    python scripts/kb/build_countries.py          # builds countries.jsonl, then checks both files
    python scripts/kb/build_countries.py --check  # only checks both files

Seeds: every ISO 3166-1 entry of pycountry, plus Kosovo (XKX, PLOVER code KOS).  Arabic
names: the hand-curated list in scripts/kb/countries_extra.json (first = display name),
followed by the CLDR name (babel) and pycountry's Arabic names, with diacritics stripped,
unless the curated entry drops them.  Nisba forms come from countries_extra.json.
"""
import argparse
import gettext
import json
import os
import re
import sys
import unicodedata

import pycountry
from babel import Locale

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, 'src', 'rasid', 'kb', 'data')
COUNTRIES = os.path.join(DATA, 'countries.jsonl')
PLACES = os.path.join(DATA, 'places.jsonl')

DIACRITICS = re.compile('[\u064B-\u065F\u0670\u0640]')
ARABIC_ONLY = re.compile('^[\u0621-\u063A\u0641-\u064A ]+$')
PERSIAN_URDU = set('پچژگکیۀہھےٹڈڑںەێۆڵڕۇېۋڭ')
NO_CAPITAL = {'ATA', 'BVT', 'HMD', 'TKL', 'UMI'}   # uninhabited, or no capital
# names the brief requires in places.jsonl (each must be on at least one place)
REQUIRED_PLACE_NAMES = '''الشرق الأوسط|الخليج|منطقة الخليج|شبه الجزيرة العربية|شمال أفريقيا|المغرب العربي|بلاد الشام|سيناء|
الضفة الغربية|قطاع غزة|غزة|الجولان|كردستان العراق|إقليم كردستان|دارفور|حلب|إدلب|الرقة|دير الزور|الموصل|الأنبار|الفلوجة|
صنعاء|عدن|الحديدة|مأرب|تعز|بنغازي|طرابلس|مصراتة|سرت|درنة|المنطقة الشرقية|القصيم|عسير|جازان|نجران|حائل|تبوك|مكة المكرمة|
المدينة المنورة|دبي|أبوظبي|الشارقة|أوروبا|آسيا|أفريقيا|أمريكا اللاتينية|أستانا|الأستانة|آستانة|جنيف|موسكو|القاهرة|طهران|
دمشق|بغداد|بيروت|عمان|الرياض|القدس|رام الله|تل أبيب|واشنطن|لندن|باريس|بكين|أنقرة|إسطنبول'''
REQUIRED_PLACE_NAMES = [n.strip() for n in REQUIRED_PLACE_NAMES.replace('\n', '').split('|')]
PLOVER_SECTORS = set('GOV MIL COP JUD LEG PTY REB SPY UAF PRM OPP CVL JRN REF REL BUS ELI EDU MED LAB AGR CRM SOC PRE UNK'.split())


def clean(s):
    s = unicodedata.normalize('NFC', s)
    s = DIACRITICS.sub('', s)
    s = re.sub(r'\s*[-–]\s*', ' ', s)
    s = re.sub(r'\bو\s+', 'و', s)          # "البوسنة و الهرسك" -> "البوسنة والهرسك"
    return re.sub(r'\s+', ' ', s).strip()


def norm(s):
    s = re.sub('[أإآٱ]', 'ا', s)
    return s.replace('ى', 'ي').replace('ة', 'ه').replace('ؤ', 'و').replace('ئ', 'ي')


def seeds(country, tr, loc):
    """Arabic names offered by CLDR (babel) and pycountry's iso3166-1 translation."""
    raw = [loc.territories.get(country.alpha_2, '')]
    for attr in ('name', 'official_name', 'common_name'):
        v = getattr(country, attr, None)
        if v:
            raw.append(tr.gettext(v))
    out = []
    for r in raw:
        if not r or '،' in r or ',' in r:
            continue
        r = re.sub(r'\s*\(.*?\)\s*', ' ', r)      # keep the part outside parentheses
        r = clean(r)
        if r and ARABIC_ONLY.match(r):
            out.append(r)
    return out


def dedupe(names):
    out, seen = [], set()
    for n in names:
        k = norm(n)
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


def expand_nisba(e):
    if 'nisba' in e:
        return list(e['nisba'])
    out = []
    for m in e.get('nisba_m', []):
        out += [m, m + 'ة', m + 'ون', m + 'ين', m + 'ات']
    out += e.get('nisba_extra', [])
    return dedupe(out)


def load_jsonl(path):
    rows = []
    with open(path, encoding='utf-8') as f:
        for i, line in enumerate(f, 1):
            if line.strip():
                try:
                    rows.append((i, json.loads(line)))
                except json.JSONDecodeError as e:
                    rows.append((i, e))
    return rows


def build(out_path):
    extra = json.load(open(os.path.join(HERE, 'countries_extra.json'), encoding='utf-8'))
    extra = {k: v for k, v in extra.items() if not k.startswith('_')}
    tr = gettext.translation('iso3166-1', pycountry.LOCALES_DIR, languages=['ar'])
    loc = Locale('ar')

    capitals = {}
    for _, p in load_jsonl(PLACES):
        if isinstance(p, dict) and p.get('capital_of'):
            if p['capital_of'] in capitals:
                sys.exit('two capitals for %s' % p['capital_of'])
            capitals[p['capital_of']] = p['id']

    class Kosovo:
        alpha_3, alpha_2, name, official_name = 'XKX', 'XK', 'Kosovo', 'Republic of Kosovo'

    rows = []
    for c in list(pycountry.countries) + [Kosovo]:
        iso3 = c.alpha_3
        e = extra.get(iso3)
        if e is None:
            sys.exit('countries_extra.json has no entry for %s (%s)' % (iso3, c.name))
        drop = {norm(clean(d)) for d in e.get('drop', [])}
        names = [clean(a) for a in e['ar']]
        if iso3 != 'XKX':
            names += [s for s in seeds(c, tr, loc) if norm(s) not in drop]
        names = dedupe(names)
        en = e['en']
        aliases = list(e.get('aliases_en', []))
        for attr in ('name', 'official_name', 'common_name'):
            v = getattr(c, attr, None)
            if v and v.startswith('the '):
                v = v[4:]
            if v and v != en and v not in aliases and ',' not in v:
                aliases.append(v)
        cap = capitals.get(iso3)
        if cap is None and iso3 not in NO_CAPITAL:
            sys.exit('no capital place for %s' % iso3)
        row = {'id': 'country:' + iso3, 'kind': 'country', 'en': en, 'ar': names,
               'iso3': iso3, 'iso2': c.alpha_2, 'country': iso3, 'sector': None}
        if iso3 == 'XKX':
            row['code'] = 'KOS'
        row['nisba'] = expand_nisba(e)
        row['capital'] = cap
        if aliases:
            row['aliases_en'] = aliases
        if e.get('note'):
            row['note'] = e['note']
        rows.append(row)
    unused = set(extra) - {r['iso3'] for r in rows}
    if unused:
        sys.exit('countries_extra.json entries without an ISO country: %s' % sorted(unused))
    with open(out_path, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('wrote %d countries to %s' % (len(rows), out_path))


def check(countries_path=COUNTRIES, places_path=PLACES):
    """Validate both files; return the list of problems (empty when all is well)."""
    problems = []
    ids = {}
    bad_char = re.compile('[\u064B-\u0652\u0640]')
    counts = {}

    def arabic_ok(where, s):
        if not isinstance(s, str) or not s.strip():
            problems.append('%s: empty Arabic name' % where)
            return
        if bad_char.search(s):
            problems.append('%s: diacritic or tatweel in %r' % (where, s))
        if PERSIAN_URDU & set(s):
            problems.append('%s: Persian/Urdu letter in %r' % (where, s))
        if not ARABIC_ONLY.match(s):
            problems.append('%s: not plain Arabic letters: %r' % (where, s))

    place_ids = set()
    for path, kind in ((places_path, 'place'), (countries_path, 'country')):
        n = 0
        for line, e in load_jsonl(path):
            where = '%s:%d' % (os.path.basename(path), line)
            if not isinstance(e, dict):
                problems.append('%s: invalid JSON (%s)' % (where, e))
                continue
            n += 1
            for k in ('id', 'kind', 'en', 'ar'):
                if k not in e:
                    problems.append('%s: missing %s' % (where, k))
            if e.get('kind') != kind:
                problems.append('%s: kind %r, expected %r' % (where, e.get('kind'), kind))
            if not str(e.get('id', '')).startswith(kind + ':'):
                problems.append('%s: id %r does not start with %s:' % (where, e.get('id'), kind))
            if e.get('id') in ids:
                problems.append('%s: duplicate id %s (first at %s)' % (where, e['id'], ids[e['id']]))
            ids[e.get('id')] = where
            if not isinstance(e.get('en'), str) or not e.get('en'):
                problems.append('%s: bad en' % where)
            if not isinstance(e.get('ar'), list) or not e.get('ar'):
                problems.append('%s: ar must be a non-empty list' % where)
            else:
                for a in e['ar']:
                    arabic_ok(where, a)
            if kind == 'place':
                place_ids.add(e.get('id'))
                if not isinstance(e.get('lat'), (int, float)) or not -90 <= e['lat'] <= 90:
                    problems.append('%s: bad lat' % where)
                if not isinstance(e.get('lon'), (int, float)) or not -180 <= e['lon'] <= 180:
                    problems.append('%s: bad lon' % where)
                if e.get('feature') not in ('city', 'region', 'area'):
                    problems.append('%s: bad feature %r' % (where, e.get('feature')))
                if e.get('country') is not None and not re.match('^[A-Z]{3}$', str(e['country'])):
                    problems.append('%s: bad country %r' % (where, e['country']))
                if e.get('population') is not None and not isinstance(e['population'], int):
                    problems.append('%s: bad population' % where)
                g = e.get('geonameid')
                if g is not None and (not isinstance(g, int) or e['id'] != 'place:%d' % g):
                    problems.append('%s: geonameid %r does not match id' % (where, g))
            else:
                for k in ('iso3', 'iso2', 'country', 'nisba', 'capital'):
                    if k not in e:
                        problems.append('%s: missing %s' % (where, k))
                if e.get('id') != 'country:%s' % e.get('iso3') or e.get('country') != e.get('iso3'):
                    problems.append('%s: id/iso3/country disagree' % where)
                if e.get('sector') is not None and e['sector'] not in PLOVER_SECTORS:
                    problems.append('%s: bad sector' % where)
                for a in e.get('nisba', []):
                    arabic_ok(where + ' nisba', a)
                    if a.startswith('ال'):
                        problems.append('%s: nisba %r starts with ال' % (where, a))
                cap = e.get('capital')
                if cap is None:
                    if e.get('iso3') not in NO_CAPITAL:
                        problems.append('%s: no capital' % where)
                elif cap not in place_ids:
                    problems.append('%s: capital %s is not in places.jsonl' % (where, cap))
        counts[kind] = n
    place_names = set()
    for _, e in load_jsonl(places_path):
        if isinstance(e, dict):
            place_names.update(norm(a) for a in e.get('ar', []))
    for n in REQUIRED_PLACE_NAMES:
        if norm(n) not in place_names:
            problems.append('places.jsonl: no place named %s' % n)
    return problems, counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--check', action='store_true', help='only check countries.jsonl and places.jsonl')
    ap.add_argument('--out', default=COUNTRIES)
    args = ap.parse_args()
    if not args.check:
        build(args.out)
    problems, counts = check(args.out, PLACES)
    for p in problems[:200]:
        print('PROBLEM', p)
    print('check: %d countries, %d places, %d problems'
          % (counts.get('country', 0), counts.get('place', 0), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
