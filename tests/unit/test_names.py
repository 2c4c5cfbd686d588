"""Names as people write them: salts and hydrates, trade names, traditional characters, jurisdiction names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import schedlib
from schedlib.errors import UnknownJurisdictionError, UnknownSubstanceError
from schedlib.registry import Registry


@pytest.fixture(scope="module")
def reg() -> Registry:
    return schedlib.load()


@pytest.mark.parametrize(
    ("name", "base", "form"),
    [
        ("fentanyl citrate", "fentanyl", "citrate"),
        ("Fentanyl Hydrochloride", "fentanyl", "hydrochloride"),
        ("cocaine hydrochloride", "cocaine", "hydrochloride"),
        ("cocaine HCl", "cocaine", "hcl"),
        ("morphine sulfate pentahydrate", "morphine", "sulfate pentahydrate"),
        ("盐酸吗啡", "morphine", "盐酸"),
        ("芬太尼枸橼酸盐", "fentanyl", "枸橼酸盐"),
        ("clorhidrato de N-fenetil-4-piperidona", "npp", "clorhidrato"),
    ],
)
def test_a_salt_is_answered_as_its_base_and_says_so(reg: Registry, name: str, base: str, form: str) -> None:
    r = reg.resolve(name)
    assert r.substance.id == base
    assert r.form == form
    assert r.note is not None and r.note.startswith(f"{name}: answered as {r.substance.name}")
    assert reg.find(name).id == base
    assert reg.status(name, "US", "2024-01-01").substance.id == base


def test_a_salt_name_is_never_matched_loosely_to_another_substance(reg: Registry) -> None:
    # before: "did you mean Fentanyl carbamate?" -- a different controlled substance
    assert reg.resolve("fentanyl citrate").substance.id != "fentanyl-carbamate"
    with pytest.raises(UnknownSubstanceError) as info:
        reg.find("zzzyxine citrate")
    assert "zzzyxine" in str(info.value)


def test_an_own_name_has_no_form(reg: Registry) -> None:
    r = reg.resolve("fentanyl")
    assert r.form is None and r.note is None
    assert r.to_dict() == {"query": "fentanyl", "substance": "fentanyl", "form": None, "note": None}


def test_a_salt_cas_number_finds_the_base(reg: Registry) -> None:
    r = reg.resolve("66514-93-0")  # a hydrochloride of methcathinone, as the 2024 Chinese list gives it
    assert r.substance.id == "methcathinone"
    assert r.form is not None and "salt" in r.form


@pytest.mark.parametrize(
    ("name", "sid"),
    [("Sublimaze", "fentanyl"), ("Xanax", "alprazolam"), ("diacetylmorphine", "heroin"), ("Rohypnol", "flunitrazepam")],
)
def test_trade_names_and_variants_carry_their_source(reg: Registry, name: str, sid: str) -> None:
    sub = reg.find(name)
    assert sub.id == sid
    syn = next(s for s in sub.synonyms if s.name.lower() == name.lower())
    assert syn.source is not None and syn.source.source in reg.sources


def test_traditional_characters_and_invisible_characters(reg: Registry) -> None:
    assert reg.find("羥考酮").id == reg.find("羟考酮").id == "oxycodone"
    assert reg.find("fen\u200btanyl\ufeff").id == "fentanyl"
    assert reg.find("卡\u200d芬太尼").id == "carfentanil"


def test_methamphetamine_in_chinese_follows_the_2025_list(reg: Registry) -> None:
    # The 2025 list writes 甲基苯丙胺 with the racemate's CAS RN (7632-10-2); 冰毒 glosses it.
    for name in ("甲基苯丙胺", "冰毒"):
        sub = reg.find(name)
        assert sub.id == "metamfetamine-racemate"
        assert "7632-10-2" in sub.identifiers.cas
        syn = next(s for s in sub.synonyms if s.name == name)
        assert syn.source is not None


def test_npp_by_its_cas_number(reg: Registry) -> None:
    assert reg.find("39742-60-4").id == "npp"


@pytest.mark.parametrize(
    ("text", "code"),
    [("China", "CN"), ("china", "CN"), ("USA", "US"), ("United States", "US"), ("u.s.", "US"), ("Mexique", "MX"), ("cn", "CN")],
)
def test_jurisdiction_names(reg: Registry, text: str, code: str) -> None:
    assert reg.status("fentanyl", text, "2024-01-01").jurisdiction == code
    assert reg.gap(text, "EU", "2024-01-01").to_dict() == reg.gap(code, "EU", "2024-01-01").to_dict()


def test_jurisdiction_names_come_from_the_registry(reg: Registry) -> None:
    assert "Mexique" in reg.jurisdictions["MX"].names
    with pytest.raises(UnknownJurisdictionError):
        reg.status("fentanyl", "Atlantis", "2024-01-01")


def test_a_huge_name_is_not_echoed_in_full(reg: Registry) -> None:
    with pytest.raises(UnknownSubstanceError) as info:
        reg.find("x" * 100_000)
    assert len(str(info.value)) < 300
    assert "100000 characters" in str(info.value)
    with pytest.raises(UnknownJurisdictionError) as jinfo:
        reg.status("fentanyl", "y" * 100_000, "2024-01-01")
    assert len(str(jinfo.value)) < 300


def test_fentanilo_is_cited(reg: Registry) -> None:
    sub = reg.find("Fentanilo")
    syn = next(s for s in sub.synonyms if s.name == "fentanilo")
    assert sub.id == "fentanyl" and syn.lang == "es" and syn.source is not None


def test_the_command_line_folds_traditional_characters_too(tmp_path: Path) -> None:
    env = {**os.environ, "SCHEDLIB_CACHE_DIR": str(tmp_path / "cache"), "PYTHONIOENCODING": "utf-8"}

    def status(name: str) -> str:
        cmd = [sys.executable, "-m", "schedlib", "status", name, "--in", "CN", "--on", "2024-01-01"]
        return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=300, check=True).stdout

    full = status("羟考酮")  # the first run compiles the index; the others load it from the cache
    assert status("羥考酮") == full == status("羟\u200b考酮")
    assert "Oxycodone" in full


@pytest.mark.parametrize(
    ("name", "sid"),
    [("Anhídrido propiónico", "propionic-anhydride"), ("Cloruro de propionilo", "propionyl-chloride"), ("PHENYLACETONE (P2P)", "phenylacetone")],
)
def test_names_as_the_instruments_list_them(reg: Registry, name: str, sid: str) -> None:
    assert reg.find(name).id == sid
    assert any(
        getattr(e, "name_as_listed", None) == name and e.substance == sid
        for inst in reg.instruments.values()
        for a in inst.actions
        for e in getattr(a, "substances", ())
    )


def test_a_listed_name_shared_by_two_substances_names_neither(reg: Registry) -> None:
    with pytest.raises(UnknownSubstanceError):
        reg.find("TILETAMINE/ZOLAZEPAM (TELAZOL)")


def test_accents_do_not_matter(reg: Registry) -> None:
    assert reg.find("acétone").id == "acetone"
    assert reg.find("anhidrido propionico").id == "propionic-anhydride"  # listed as "Anhídrido propiónico"
