"""Class-rule candidates: substances outside a rule's family that its heading may still reach.

A candidate answers "class-possible" while the rule is in force, never "controlled"; a rule with
candidates and no family covers only them (not every substance of its list's regime); the loader
refuses a candidate that is also a member, or an unknown one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.unit.test_engine_properties import _base_data, _day, _instrument

from domain import errors_of
from schedlib import models as m
from schedlib.engine import compile_registry
from schedlib.registry import Registry


def _reg(rule: m.ClassRule, *, since: int = 100) -> Registry:
    data = _base_data()
    data.substances["other"] = m.Substance(id="other", name="OTHER", families=())
    data.classes[rule.id] = rule
    add: dict[str, Any] = {"type": "add", "list": "aa.one", "classes": [rule.id]}
    data.instruments["rule-in"] = _instrument("rule-in", "AA", _day(since), [add])
    index, errors = compile_registry(data)
    assert not errors, errors
    return Registry(data, index)


def _rule(family: str | None, candidates: tuple[str, ...]) -> m.ClassRule:
    return m.ClassRule(
        id="aa.heading",
        jurisdiction="AA",
        name="heading",
        definition="d",
        family=family,
        sources=(m.SourceRef(source="src"),),
        candidates=tuple(m.Candidate(substance=s, note="why") for s in candidates),
    )


def test_a_candidate_is_class_possible_only_while_the_rule_is_in_force() -> None:
    r = _reg(_rule(None, ("s1",)))
    on = r.status("s1", "AA", _day(100))
    assert on.controlled is None and on.reason == "class-possible" and on.via == "aa.heading"
    assert r.status("s1", "AA", _day(99)).reason == "never"


def test_a_rule_with_candidates_and_no_family_covers_only_them() -> None:
    r = _reg(_rule(None, ("s1",)))
    for sid in ("s2", "other"):  # same regime, not candidates
        assert r.status(sid, "AA", _day(200)).reason == "never", sid


def test_a_rule_without_family_or_candidates_still_covers_its_regime() -> None:
    r = _reg(_rule(None, ()))
    assert r.status("s2", "AA", _day(200)).reason == "class-possible"


def test_candidates_add_to_a_family() -> None:
    r = _reg(_rule("nofam", ("other",)))
    assert r.status("other", "AA", _day(200)).reason == "class-possible"
    assert r.status("s2", "AA", _day(200)).reason == "never", "s2 is of family f, not nofam"


def test_loader_refuses_unknown_or_member_candidates(mini: Path) -> None:
    (mini / "classes" / "aa.cand.yaml").write_text(
        "id: aa.cand\njurisdiction: AA\nname: c\ndefinition: d\nsources: [{source: aa.gazette}]\n"
        "members: [{substance: delta, sources: [{source: aa.gazette}]}]\n"
        "candidates: [{substance: ghost, note: why}, {substance: delta, note: why}]\n",
        encoding="utf-8",
    )
    text = "\n".join(str(e) for e in errors_of(mini))
    assert "unknown substance 'ghost'" in text
    assert "'delta' is both a member and a candidate" in text
