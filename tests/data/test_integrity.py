"""Registry-wide data quality: what every record must satisfy beyond the schema."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from domain import reg

YAML_LOOKING = re.compile(r"(?m)^\s*-?\s*[a-z_]{2,20}: \S")


def _texts(obj: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _texts(item, f"{path}[{i}]")
    elif isinstance(obj, str):
        yield path, obj


def test_no_text_swallowed_yaml() -> None:
    """A folded block (note: >-) that swallowed the YAML after it shows as key-like lines inside the text."""
    r = reg()
    bad = []
    for kind, mapping in (("instrument", r.instruments), ("class", r.classes), ("substance", r.substances), ("source", r.sources), ("list", r.lists)):
        for ident, rec in mapping.items():
            for path, text in _texts(rec):
                if "\n" in text and YAML_LOOKING.search(text):
                    bad.append(f"{kind} {ident}{path}")
    assert not bad, bad


def test_every_instrument_cites_a_source_and_every_citation_resolves() -> None:
    r = reg()
    for iid in r.instruments:
        cit = r.cite_instrument(iid)
        assert cit.sources, iid
        if cit.kind == "secondary":
            assert all(s.kind == "secondary" for s in cit.sources)


def test_dates_in_order_where_known_to_the_day() -> None:
    r = reg()
    problems = []
    for iid, inst in r.instruments.items():
        d = inst.dates
        days = [(k, f.date.exact()) for k, f in (("signed", d.signed), ("published", d.published), ("effective", d.effective)) if f]
        known = [(k, v) for k, v in days if v is not None]
        for (k1, v1), (k2, v2) in itertools.pairwise(known):
            if v1 > v2:
                problems.append(f"{iid}: {k1} {v1} after {k2} {v2}")
    assert not problems, problems


def test_every_list_has_members_or_says_why() -> None:
    r = reg()
    empty = []
    for lid, cl in r.lists.items():
        has = any(iv.list_id == lid for ivs in r._index.by_substance.values() for iv in ivs) or any(
            iv.list_id == lid for ivs in r._index.class_intervals.values() for iv in ivs
        )
        if not has and "not encoded" not in cl.coverage.note.lower() and "nothing" not in cl.coverage.note.lower():
            empty.append(lid)
    assert not empty, f"lists with no entries whose coverage note does not say so: {empty}"


def test_every_substance_is_on_some_list_or_class() -> None:
    r = reg()
    used = set(r._index.by_substance)
    for rule in r.classes.values():
        used.update(m.substance for m in rule.members)
        if rule.reference_substance:
            used.add(rule.reference_substance)
    orphans = sorted(set(r.substances) - used)
    assert len(orphans) <= len(r.substances) // 20, f"{len(orphans)} substances are on no list: {orphans[:30]}"
