"""Issue 13: honest answers. Each case seen by users is pinned on both sides of its edge.

"No data" is never "not controlled" (None, with a reason); a lower bound is never an event;
an imprecise date is a window of uncertain days; a projection says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

import schedlib
from schedlib.cli import main
from schedlib.errors import IndeterminateStatusError, SchedlibError
from schedlib.export import export


def reg() -> schedlib.Registry:
    return schedlib.load()


def run(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert main(list(argv), out=out, err=err) == 0, err.getvalue()
    return out.getvalue()


# --------------------------------------------------------------------------- the contract


def test_bool_of_an_unknown_answer_raises_like_pd_na() -> None:
    st = reg().status("fentanyl", "CA", "2010-01-01")
    assert st.controlled is None and st.reason == "not-covered"
    with pytest.raises(IndeterminateStatusError, match=r"controlled is None"):
        bool(st)
    assert issubclass(IndeterminateStatusError, SchedlibError) and issubclass(IndeterminateStatusError, ValueError)
    assert schedlib.IndeterminateStatusError is IndeterminateStatusError
    # known answers keep their truth value
    assert bool(reg().status("fentanyl", "US", "2020-01-01")) is True
    assert bool(reg().status("carfentanil", "CN", "2017-02-28")) is False


# --------------------------------------------------------------------------- 1. class rules that may cover


def test_class_possible_while_chinas_cannabinoid_class_is_in_force() -> None:
    before = reg().status("MDMB-4en-PINACA", "CN", "2021-06-30")
    assert before.controlled is False and before.reason == "never"
    st = reg().status("MDMB-4en-PINACA", "CN", "2021-07-01")
    assert st.controlled is None and st.reason == "class-possible" and st.via == "cn.synthetic-cannabinoids"
    assert st.citations and "cannot decide" in st.explanation
    assert reg().status("MDMB-4en-PINACA", "CN", "2022-01-01").reason == "class-possible"


def test_gap_splits_certain_and_unknown() -> None:
    g = reg().gap("US", "CN", "2022-01-01", family="synthetic-cannabinoid")
    assert len(g) == len(g.certain) + len(g.unknown) and len(g) >= 10
    assert not g.certain  # every one may be covered by China's class
    assert {e.absent.reason for e in g.unknown} == {"class-possible"}
    d = g.to_dict()
    assert d["count"] == len(g) and d["unknown_count"] == len(g.unknown) and d["certain_count"] == 0
    assert all(e["absent"]["controlled"] is None for e in d["entries"])
    text = run("gap", "--controlled-in", "US", "--not-in", "CN", "--on", "2022-01-01", "--family", "synthetic-cannabinoid")
    assert f"not controlled in CN: 0; unknown in CN: {len(g)} (class possible)" in text
    assert "Not controlled in CN (certain): 0" in text and f"Unknown in CN (the registry cannot say): {len(g)}" in text


def test_gap_with_both_groups() -> None:
    g = reg().gap("US", "MX", "2022-01-01", family="fentanyl-precursor")
    assert g.certain or g.unknown
    assert set(g.certain).isdisjoint(g.unknown) and len(g.certain) + len(g.unknown) == len(g)
    for e in g.certain:
        assert all(st.controlled is False for st in e.absences.values())
    for e in g.unknown:
        assert any(st.controlled is None for st in e.absences.values())


def test_export_regime_unnamed_chemicals_are_class_possible() -> None:
    before = reg().status("NPP", "CN", "2025-11-09", regime="export")
    assert before.controlled is False and before.reason == "never"
    st = reg().status("NPP", "CN", "2025-11-10", regime="export")
    assert st.controlled is None and st.reason == "class-possible" and st.via == "cn.export-2025-11-10-precursors"
    # a drug is no precursor: the export rule could not cover fentanyl
    assert reg().status("fentanyl", "CN", "2025-11-10", regime="export").reason == "never"


# --------------------------------------------------------------------------- 2. no data is not "no"


def test_no_data_is_null_in_json_and_unknown_in_csv(tmp_path: Path) -> None:
    doc = json.loads(run("status", "fentanyl", "--in", "CA", "--on", "2010-01-01", "--json"))
    assert doc["controlled"] is None and doc["reason"] == "not-covered"
    src = tmp_path / "names.csv"
    src.write_text("name\nfentanyl\n", encoding="utf-8")
    rows = [r for r in csv.DictReader(io.StringIO(run("screen", str(src), "--in", "CA,US", "--on", "2010-01-01", "--no-progress"))) if not r["line"].startswith("#")]
    assert [(r["jurisdiction"], r["controlled"]) for r in rows] == [("CA", "unknown"), ("US", "True")]
    out = json.loads(run("screen", str(src), "--in", "CA", "--on", "2010-01-01", "--format", "json", "--no-progress"))
    assert out["results"][0]["controlled"] is None


def test_controlled_warns_when_coverage_is_partial() -> None:
    text = run("controlled", "CA", "--on", "2020-01-01")
    assert text.splitlines()[1].startswith("warning: the registry's data is incomplete on 2020-01-01")
    doc = json.loads(run("controlled", "CA", "--on", "2020-01-01", "--json"))
    assert doc["complete"] is False and "ca.cdsa.schedule-i" in doc["incomplete_lists"]


def test_coverage_api_and_cli() -> None:
    covs = schedlib.coverage("CA", "2010-01-01")
    # a list not yet established (Schedule V controlled substances, 2026) is complete: nothing could be on it
    assert covs and all(not c.complete for c in covs if c.list_id != "ca.cdsa.schedule-v.controlled-substances")
    us = {c.list_id: c for c in reg().coverage("US", "2015-04-01")}
    assert us["us.csa.schedule-i"].complete is True
    assert {c.list_id: c for c in reg().coverage("US", "2015-03-31")}["us.csa.schedule-i"].complete is False
    text = run("coverage", "CA", "--on", "2010-01-01")
    assert "NOT COMPLETE" in text and "ca.cdsa.schedule-i" in text
    doc = json.loads(run("coverage", "US", "--on", "2025-10-15", "--json", "--regime", "drug"))
    assert {d["list"] for d in doc["lists"]} >= {"us.csa.schedule-i"}


# --------------------------------------------------------------------------- 3. lower bounds


def test_intervals_csv_carries_start_kind(tmp_path: Path) -> None:
    export(reg(), "csv", tmp_path)
    rows = list(csv.DictReader((tmp_path / "intervals.csv").open(encoding="utf-8")))
    kinds = {(r["substance_id"], r["jurisdiction"]): r["start_kind"] for r in rows}
    assert kinds[("fentanyl", "UN")] == "lower-bound"
    assert kinds[("testosterone", "US")] == "lower-bound"
    assert kinds[("ocfentanil", "UN")] == "month"
    assert kinds[("carfentanil", "CN")] == "exact"
    assert {r["start_kind"] for r in rows} <= {"exact", "month", "year", "lower-bound"}


# --------------------------------------------------------------------------- 4. no stale expiry


@pytest.mark.parametrize(("name", "placed"), [("AB-CHMINACA", "2017-10-16"), ("cyclopropylfentanyl", "2019-10-25")])
def test_no_expiry_after_a_permanent_placement(name: str, placed: str) -> None:
    r = reg()
    events = r.history(name, "US")
    assert not [e for e in events if e.kind in ("expired", "removed")]
    day = dt.date.fromisoformat(placed)
    assert r.status(name, "US", day - dt.timedelta(days=1)).reason == "listed"  # the temporary control
    on = r.status(name, "US", day)
    assert on.controlled is True and on.next_change is None


def test_para_methylfentanyl_has_no_expiry() -> None:
    assert not [e for e in reg().history("para-methylfentanyl", "US") if e.kind in ("expired", "removed")]


# --------------------------------------------------------------------------- 5. imprecise dates


def test_month_only_date_is_a_window_of_unknown_days() -> None:
    r = reg()
    assert r.status("ocfentanil", "UN", "2018-02-28").reason == "not-covered"
    for day in ("2018-03-01", "2018-03-05", "2018-03-31"):
        st = r.status("ocfentanil", "UN", day)
        assert st.controlled is None and st.reason == "uncertain" and st.next_change == dt.date(2018, 4, 1), day
    st = r.status("ocfentanil", "UN", "2018-04-01")
    assert st.controlled is True and st.since == dt.date(2018, 3, 1) and st.since_kind == "month"
    assert "since 2018-03 (day not known)" in st.explanation


# --------------------------------------------------------------------------- 6. projections


def test_answers_after_as_of_are_projections() -> None:
    r = reg()
    assert r.as_of == dt.date(2026, 5, 1) == r.info.as_of
    assert r.status("MDMB-4en-PINACA", "US", r.as_of).projected is False
    st = r.status("MDMB-4en-PINACA", "US", "2027-01-01")
    assert st.projected is True and st.reason == "expired" and st.to_dict()["projected"] is True
    assert "scheduled to expire on 2026-12-12" in st.explanation and "projected from the law known on 2026-05-01" in st.explanation
    text = run("status", "MDMB-4en-PINACA", "--in", "US", "--on", "2027-01-01", "--width", "0")
    assert "TEMPORARY CONTROL SCHEDULED TO EXPIRE" in text and "TEMPORARY CONTROL EXPIRED" not in text
    assert "projected from the law known on 2026-05-01" in text
    hist = run("history", "MDMB-4en-PINACA", "--in", "US")
    assert "scheduled to expire" in hist and " expired " not in hist
    before = r.status("MDMB-4en-PINACA", "US", "2026-05-01")
    assert before.controlled is True and "until 2026-12-12 (scheduled)" in before.explanation


# --------------------------------------------------------------------------- 7. regime wording


def test_regime_is_named_in_the_answer() -> None:
    st = reg().status("fentanyl", "US", "2020-01-01", regime="precursor")
    assert st.reason == "never" and "any list of US (precursor lists)" in st.explanation
    text = run("status", "fentanyl", "--in", "US", "--on", "2020-01-01", "--regime", "precursor")
    assert text.startswith("Fentanyl in US (precursor lists) on 2020-01-01: NOT CONTROLLED")
