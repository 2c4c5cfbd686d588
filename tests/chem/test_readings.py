"""Structural readings (optional RDKit extra) against a test set of structures from cited public sources.

``testset-sources.csv`` holds every SMILES with its source (repository, path, commit), copied as found;
``expected.csv`` pins the reviewed answer of reading v1 of China's and the US fentanyl classes for each.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

import schedlib
from schedlib.chem import ChemUnavailableError

HERE = Path(__file__).parent
EXPECTED = list(csv.DictReader((HERE / "expected.csv").open(encoding="utf-8")))
VERDICT = {"within": True, "outside": False, "unclear": None}


def test_classify_without_rdkit_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rdkit", None)
    monkeypatch.setattr("schedlib.chem._CHEM", None)
    with pytest.raises(ChemUnavailableError, match=r"pip install 'schedlib\[chem\]'"):
        schedlib.classify("CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1")


def test_every_row_has_a_source() -> None:
    rows = list(csv.DictReader((HERE / "testset-sources.csv").open(encoding="utf-8")))
    assert len(rows) >= 25
    assert all(r["smiles"] and r["source_repo_or_url"] and r["commit_or_date"] for r in rows)


rdkit = pytest.importorskip("rdkit", reason="the chem extra (RDKit) is not installed")

from schedlib.chem import evaluate, parse_structure  # noqa: E402


@pytest.mark.parametrize("row", EXPECTED, ids=[f"{i}-{r['name'][:30]}" for i, r in enumerate(EXPECTED)])
def test_reading_v1_matches_reviewed_label(row: dict[str, str]) -> None:
    reg = schedlib.load()
    mol = parse_structure(row["smiles"])
    for rule, col in (("cn.fentanyl-related-substances", "cn"), ("us.fentanyl-related-substances", "us")):
        reading = reg.classes[rule].readings[0]
        within, mods, reason, _ = evaluate(reading, mol)
        assert within is VERDICT[row[f"{col}_v1"]], f"{row['name']} {rule}: {within} ({reason})"
        assert " ".join(mods) == row[f"{col}_mods"], f"{row['name']} {rule}: {mods}"
        if within is None:
            assert reason, "an unclear answer must say why"


def test_issue_example_answers_with_rule_reading_modifications_and_citation() -> None:
    res = schedlib.classify("CC(C)C(=O)N(c1ccc(F)cc1)C1CCN(CCc2ccccc2)CC1", on="2019-06-01", jurisdiction="CN")
    assert len(res) == 1
    r = res[0]
    assert r.rule == "cn.fentanyl-related-substances" and r.reading == "v1" and r.within is True
    assert r.modifications == ("1", "2")
    assert r.citations and r.citations[0].effective == "2019-05-01"
    assert "within the structural definition under reading v1" in r.explanation
    structural = r.explanation.split("Not a class member in law")[0].replace("not a listing", "")
    assert "listed" not in structural  # the structural verdict never says "listed"
    # 4-FIBF is on China's Supplementary List by name (2018-09-01): the rule's exclusion applies
    assert r.substance == "4-fluoroisobutyrylfentanyl" and r.excluded_by and r.status is not None and r.status.reason == "listed"


def test_rules_not_in_force_are_left_out_on_a_date() -> None:
    assert schedlib.classify("CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", on="2019-04-30", jurisdiction="CN") == ()
    us = schedlib.classify("CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1", on="2018-01-01", jurisdiction="US")
    assert us == ()


def test_salts_are_stripped_and_bad_input_is_an_error() -> None:
    salt = schedlib.classify("CCC(=O)N(c1ccc(F)cc1)C1CCN(CCc2ccccc2)CC1.Cl", jurisdiction="CN")
    assert salt[0].within is True
    with pytest.raises(schedlib.InvalidQueryError):
        schedlib.classify("not a smiles", jurisdiction="CN")


def test_cli_classify(capsys: pytest.CaptureFixture[str]) -> None:
    from schedlib.cli import main

    code = main(["classify", "CC(C)C(=O)N(c1ccc(F)cc1)C1CCN(CCc2ccccc2)CC1", "--in", "CN", "--on", "2019-06-01"])
    out = capsys.readouterr().out
    assert code == 0 and "WITHIN" in out and "reading v1" in out and "2019-05-01" in out
