"""US Controlled Substances Act schedules and List I/II chemicals, and the UN 1961/1971 schedules and 1988 tables.

Checks the registry against the project extracts in shared/sources/us-csa/ (the DEA list of 2025-10-15 and the
List I/II table of 2021-11-18): the contents of each schedule and list on the snapshot date, DEA codes, the fate of
every temporary order, both sides of every effective date the US/UN completeness work encoded (table PINS below,
one row per action), and the gap query across US, UN, CN and MX.

Coverage semantics: a schedule's coverage starts on the DEA list's date, so a negative answer before it is
"not covered"; after it, "later" or "never".
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from domain import assert_controlled, assert_not_controlled, count_controlled, reg, window
from schedlib.engine import FOREVER

ROOT = Path(__file__).resolve().parents[2]
CSA = ROOT.parent / "shared" / "sources" / "us-csa"
if not CSA.exists():  # CI runs in a clone with shared/ beside it
    CSA = ROOT / ".." / "shared" / "sources" / "us-csa"

LISTS = {
    "I": "us.csa.schedule-i", "II": "us.csa.schedule-ii", "III": "us.csa.schedule-iii", "IV": "us.csa.schedule-iv",
    "V": "us.csa.schedule-v", "List I": "us.list-i", "List II": "us.list-ii",
}
# rows of DEA's list that are classes, not substances
CLASS_ROWS = {
    "Fentanyl-related substances as defined in 21 CFR 1308.11(h)",
    "Anabolic steroids",
    "Barbituric acid derivative",
    "Stimulant compounds previously excepted",
}
# a row that names two substances
EXTRA = {"Tiletamine & Zolazepam Combination Product": "zolazepam"}
# isomers DEA's list does not name but the amphetamine and methamphetamine listings cover ("optical isomers",
# "isomers": 21 U.S.C. 812(c), 21 CFR 1308.12(d)(1)-(2))
COVERED_ISOMERS = {"II": {"dexamfetamine", "levamfetamine", "levomethamfetamine", "metamfetamine-racemate"}}
SNAPSHOT = "2025-10-15"
# distinct substances per list on the snapshot date (rows less duplicates, class rows and later rows)
EXPECTED_COUNTS = {"I": 297, "II": 71, "III": 122, "IV": 81, "V": 14, "List I": 40, "List II": 11}


def _d(s: str) -> dt.date:
    """A day; a month-precision date (YYYY-MM) is read as its first day, as the engine does."""
    return dt.date.fromisoformat(s + "-01" if len(s) == 7 else s)


def _rows() -> list[dict[str, str]]:
    path = CSA / "us-csa-schedules.csv"
    if not path.exists():
        pytest.skip(f"{path} not available")
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _expected(schedule: str, on: str) -> set[str]:
    r = reg()
    out: set[str] = set()
    for row in _rows():
        if row["schedule"] != schedule or row["substance_name"] in CLASS_ROWS or row["source_snapshot_date"] > on:
            continue
        out.add(r.find(row["substance_name"]).id)
        if row["substance_name"] in EXTRA:
            out.add(EXTRA[row["substance_name"]])
    return out | COVERED_ISOMERS.get(schedule, set())


@pytest.mark.parametrize("schedule", list(LISTS))
def test_contents_on_the_snapshot_date_equal_the_dea_list(schedule: str) -> None:
    expected = _expected(schedule, SNAPSHOT)
    got = {s.substance.id for s in reg().controlled("US", SNAPSHOT, in_list=LISTS[schedule])}
    assert got == expected, f"missing {sorted(expected - got)}, extra {sorted(got - expected)}"
    assert len(got) == EXPECTED_COUNTS[schedule]
    assert count_controlled("US", SNAPSHOT, in_list=LISTS[schedule]) == EXPECTED_COUNTS[schedule]


def test_list_i_and_ii_on_the_booklet_date() -> None:
    # the booklet's List I table (2021-11-18) has 37 chemicals; MAPA's listing took effect only on 2021-12-20,
    # and 1-boc-4-AP counts from 2020 as a carbamate of 4-AP (covered by the 4-AP listing)
    assert count_controlled("US", "2021-11-18", in_list="us.list-i") == 36 + 1
    assert count_controlled("US", "2021-12-20", in_list="us.list-i") == 37 + 1
    assert count_controlled("US", "2021-11-18", in_list="us.list-ii") == 11


def test_later_rows_of_the_extract() -> None:
    # 4-CMC and 4-FA were placed after the DEA list's date; they are "later" just before, since coverage is complete
    assert_controlled("4-CMC", "US", from_="2025-12-17", in_list="us.csa.schedule-i", before="later")
    assert_controlled("4-FA", "US", from_="2026-02-17", in_list="us.csa.schedule-i", before="later")


def test_dea_codes_are_unique_and_resolve() -> None:
    r = reg()
    seen: dict[str, str] = {}
    for sid, sub in r.substances.items():
        code = sub.identifiers.dea_code
        if code:
            assert code not in seen, f"DEA code {code} on both {seen[code]} and {sid}"
            seen[code] = sid
    for row in _rows():
        code = row["dea_code"]
        if code and code in seen:
            assert r.find(code).id == seen[code]
            assert r.find(row["substance_name"]).id == seen[code] or row["substance_name"] in CLASS_ROWS, row["substance_name"]
    assert len(seen) >= 400


def test_every_us_temporary_order_ends_is_extended_or_made_permanent() -> None:
    r = reg()
    checked = 0
    for sid, ivs in r._index.by_substance.items():
        us = [iv for iv in ivs if iv.jurisdiction == "US"]
        for iv in us:
            if iv.basis != "temporary":
                continue
            checked += 1
            assert iv.end != FOREVER, f"{sid}: temporary control by {iv.instrument} never ends"
            followed = any(o is not iv and o.list_id == iv.list_id and o.start <= iv.end < o.end for o in us)
            # an order that lapses without a successor is a real end only if nothing controls the substance later
            later = [o for o in us if o.start > iv.end]
            assert followed or iv.end_kind in ("expired", "removed"), (sid, iv.instrument)
            if not followed and later:
                # the gaps the sources record: brorphine (2023), beta-hydroxy-3-methylfentanyl (1987), benzylfentanyl (1986 -> List I 2020)
                assert sid in {"brorphine", "beta-hydroxy-3-methylfentanyl", "benzylfentanyl"}, (sid, iv.instrument, iv.end)
    assert checked >= 100


def test_negative_answers_follow_coverage() -> None:
    assert_not_controlled("ethylone", "US", "2014-01-01", reason="not-covered")
    assert_not_controlled("heroin", "US", "1960-01-01", reason="not-covered")
    assert_not_controlled("kratom", "US", "2025-11-01", reason="never")
    assert_not_controlled("lysergide", "UN", "1980-01-01", reason="not-covered")
    assert_not_controlled("fenfluramine", "US", "2023-01-01", reason="removed")


def test_transfers_keep_control() -> None:
    r = reg()
    for name, day, a, b in [("amphetamine", "1971-07-07", "us.csa.schedule-iii", "us.csa.schedule-ii"),
                            ("methaqualone", "1984-08-27", "us.csa.schedule-ii", "us.csa.schedule-i"),
                            ("buprenorphine", "1985-04-01", "us.csa.schedule-ii", "us.csa.schedule-v"),
                            ("buprenorphine", "2002-10-07", "us.csa.schedule-v", "us.csa.schedule-iii"),
                            ("hydriodic acid", "1991-02-27", "us.list-ii", "us.list-i"),
                            ("iodine", "2007-08-01", "us.list-ii", "us.list-i")]:
        before = r.status(name, "US", _d(day) - dt.timedelta(days=1))
        on = r.status(name, "US", day)
        assert a in before.lists and b not in before.lists, (name, before.lists)
        assert b in on.lists and a not in on.lists, (name, on.lists)


def test_gap_us_against_un_cn_mx() -> None:
    g = reg().gap("US", ["UN", "CN", "MX"], "2023-06-21")
    assert g.entries
    for e in g.entries:
        assert set(e.absences) == {"UN", "CN", "MX"}
        for j, st in e.absences.items():
            assert st.controlled is not True
            assert (st.controlled is None) == (st.reason in ("not-covered", "class-possible", "uncertain")), (e.substance.id, j)
            assert st.reason in ("later", "not-covered", "never", "removed", "expired", "class-possible", "uncertain"), (
                e.substance.id,
                j,
                st.reason,
            )
    ids = {e.substance.id for e in g.entries}
    assert "testosterone" in ids or "methasterone" in ids or len(ids) > 50


def test_un_notice_on_table_i() -> None:
    st = reg().status("ephedrine", "UN", "2000-01-01")
    assert st.controlled and "un.1988.table-i" in st.lists
    assert any("pre-export notification" in n for n in st.notices)


def _cites(sub: str, j: str, day: dt.date) -> set[str]:
    st = reg().status(sub, j, day)
    return {c.instrument for c in st.citations} if st.controlled else set()

PINS = [
    ('us.1971-05-01.controlled-substances-act', '1971-05-01', 'add', 'us.csa.schedule-i', None, ('acetylmethadol', 'allylprodine', 'alphacetylmethadol', 'alphameprodine', 'alphamethadol', 'benzethidine', 'betacetylmethadol', 'betameprodine', 'betamethadol', 'betaprodine', 'clonitazene', 'dextromoramide', 'dextrorphan', 'diampromide', 'diethylthiambutene', 'dimenoxadol', 'dimepheptanol', 'dimethylthiambutene', 'dioxaphetyl-butyrate', 'dipipanone', 'ethylmethylthiambutene', 'etonitazene', 'etoxeridine', 'furethidine', 'hydroxypethidine', 'ketobemidone', 'levomoramide', 'levophenacylmorphan', 'morpheridine', 'noracymethadol', 'norlevorphanol', 'normethadone', 'norpipanone', 'phenadoxone', 'phenampromide', 'phenomorphan', 'phenoperidine', 'piritramide', 'proheptazine', 'properidine', 'racemoramide', 'trimeperidine', 'acetorphine', 'acetyldihydrocodeine', 'benzylmorphine', 'codeine-methylbromide', 'codeine-n-oxide', 'cyprenorphine', 'desomorphine', 'dihydromorphine', 'etorphine', 'heroin', 'hydromorphinol', 'methyldesorphine', 'methyldihydromorphine', 'morphine-methobromide', 'morphine-methylsulfonate', 'morphine-n-oxide', 'myrophine', 'nicocodine', 'nicomorphine', 'normorphine', 'pholcodine', 'thebacon', 'tenamfetamine', 'mmda', 'tma', 'bufotenine', 'det', 'dmt', 'stp', 'ibogaine', 'lysergide', 'cannabis', 'mescaline', 'peyote', 'n-ethyl-3-piperidyl-benzilate', 'n-methyl-3-piperidyl-benzilate', 'psilocybin', 'psilocin', 'tetrahydrocannabinol')),
    ('us.1971-05-01.controlled-substances-act', '1971-05-01', 'add', 'us.csa.schedule-ii', None, ('opium', 'codeine', 'morphine', 'thebaine', 'ethylmorphine', 'hydrocodone', 'hydromorphone', 'metopon', 'oxycodone', 'oxymorphone', 'apomorphine', 'naloxone', 'naltrexone', 'nalbuphine', 'nalmefene', 'butorphanol', 'buprenorphine', 'dihydroetorphine', 'naloxegol', '6beta-naltrexol', 'samidorphan', 'noroxymorphone', 'opium-poppy', 'poppy-straw', 'coca-leaf', 'cocaine', 'ecgonine', '18f-fp-cit', 'alphaprodine', 'anileridine', 'bezitramide', 'dihydrocodeine', 'diphenoxylate', 'fentanyl', 'isomethadone', 'levomethorphan', 'levorphanol', 'metazocine', 'methadone', 'methadone-intermediate', 'moramide-intermediate', 'pethidine', 'pethidine-intermediate-a', 'pethidine-intermediate-b', 'pethidine-intermediate-c', 'phenazocine', 'piminodine', 'racemethorphan', 'racemorphan', 'metamfetamine')),
    ('us.1971-05-01.controlled-substances-act', '1971-05-01', 'add', 'us.csa.schedule-iii', None, ('amfetamine', 'phenmetrazine', 'metamfetamine', 'methylphenidate', 'amobarbital', 'pentobarbital', 'secobarbital', 'butalbital', 'aprobarbital', 'secbutabarbital', 'butobarbital', 'talbutal', 'thiamylal', 'thiopental', 'vinbarbital', 'chlorhexadol', 'glutethimide', 'lysergic-acid', 'lysergic-acid-amide', 'methyprylon', 'phencyclidine', 'sulfondiethylmethane', 'sulfonethylmethane', 'sulfonmethane', 'nalorphine', 'codeine', 'hydrocodone', 'dihydrocodeine', 'ethylmorphine', 'opium', 'morphine')),
    ('us.1971-05-01.controlled-substances-act', '1971-05-01', 'add', 'us.csa.schedule-iv', None, ('barbital', 'chloral-betaine', 'chloral-hydrate', 'ethchlorvynol', 'ethinamate', 'methohexital', 'meprobamate', 'methylphenobarbital', 'paraldehyde', 'petrichloral', 'phenobarbital', 'dichloralphenazone')),
    ('us.1971-05-01.controlled-substances-act', '1971-05-01', 'add', 'us.csa.schedule-v', None, ('codeine', 'dihydrocodeine', 'ethylmorphine', 'diphenoxylate', 'opium')),
    ('us.1971-07-07.metamfetamine-etc-removal', '1971-07-07', 'transfer', 'us.csa.schedule-iii', 'us.csa.schedule-ii', ('amfetamine',)),
    ('us.1971-07-07.metamfetamine-etc-removal', '1971-07-07', 'remove', 'us.csa.schedule-iii', None, ('metamfetamine',)),
    ('us.1971-10-28.methylphenidate-etc-transfer', '1971-10-28', 'transfer', 'us.csa.schedule-iii', 'us.csa.schedule-ii', ('methylphenidate', 'phenmetrazine')),
    ('us.1972-01-29.propiram', '1972-01-29', 'add', 'us.csa.schedule-i', None, ('propiram',)),
    ('us.1973-06-15.fenfluramine-etc', '1973-06-15', 'add', 'us.csa.schedule-iv', None, ('fenfluramine',)),
    ('us.1973-06-15.fenfluramine-etc', '1973-06-15', 'add', 'us.csa.schedule-iii', None, ('phendimetrazine', 'clortermine', 'chlorphentermine', 'mazindol', 'benzfetamine')),
    ('us.1973-07-06.phentermine-etc', '1973-07-06', 'add', 'us.csa.schedule-iv', None, ('phentermine', 'amfepramone')),
    ('us.1973-08-06.drotebanol', '1973-08-06', 'add', 'us.csa.schedule-i', None, ('drotebanol',)),
    ('us.1973-09-21.pma-etc', '1973-09-21', 'add', 'us.csa.schedule-i', None, ('pma', 'brolamfetamine', 'dma')),
    ('us.1973-10-04.methaqualone', '1973-10-04', 'add', 'us.csa.schedule-ii', None, ('methaqualone',)),
    ('us.1973-11-13.pentobarbital-etc', '1973-11-13', 'add', 'us.csa.schedule-ii', None, ('pentobarbital', 'amobarbital', 'secobarbital')),
    ('us.1974-04-19.etorphine', '1974-04-19', 'add', 'us.csa.schedule-ii', None, ('etorphine',)),
    ('us.1974-12-24.naloxone-removal', '1974-12-24', 'remove', 'us.csa.schedule-ii', None, ('naloxone',)),
    ('us.1975-01-28.pemoline', '1975-01-28', 'add', 'us.csa.schedule-iv', None, ('pemoline',)),
    ('us.1975-01-30.mebutamate', '1975-01-30', 'add', 'us.csa.schedule-iv', None, ('mebutamate',)),
    ('us.1975-02-14.concentrate-of-poppy-straw', '1975-02-14', 'add', 'us.csa.schedule-ii', None, ('concentrate-of-poppy-straw',)),
    ('us.1975-03-06.naltrexone-removal', '1975-03-06', 'remove', 'us.csa.schedule-ii', None, ('naltrexone',)),
    ('us.1975-06-01.difenoxin', '1975-06-01', 'add', 'us.csa.schedule-i', None, ('difenoxin',)),
    ('us.1975-07-02.diazepam-etc', '1975-07-02', 'add', 'us.csa.schedule-iv', None, ('diazepam', 'flurazepam', 'clorazepate', 'clonazepam', 'chlordiazepoxide', 'oxazepam')),
    ('us.1975-07-10.mecloqualone', '1975-07-10', 'add', 'us.csa.schedule-i', None, ('mecloqualone',)),
    ('us.1975-08-11.tenocyclidine', '1975-08-11', 'add', 'us.csa.schedule-i', None, ('tenocyclidine',)),
    ('us.1976-06-28.apomorphine-removal', '1976-06-28', 'remove', 'us.csa.schedule-ii', None, ('apomorphine',)),
    ('us.1976-10-01.nalbuphine-etc-removal', '1976-10-01', 'remove', 'us.csa.schedule-ii', None, ('nalbuphine',)),
    ('us.1976-10-01.nalbuphine-etc-removal', '1976-10-01', 'remove', 'us.csa.schedule-i', None, ('dextrorphan',)),
    ('us.1976-12-17.prazepam', '1976-12-17', 'add', 'us.csa.schedule-iv', None, ('prazepam',)),
    ('us.1977-03-14.dextropropoxyphene', '1977-03-14', 'add', 'us.csa.schedule-iv', None, ('dextropropoxyphene',)),
    ('us.1977-06-17.loperamide', '1977-06-17', 'add', 'us.csa.schedule-v', None, ('loperamide',)),
    ('us.1977-10-03.lorazepam', '1977-10-03', 'add', 'us.csa.schedule-iv', None, ('lorazepam',)),
    ('us.1978-02-24.phencyclidine-transfer', '1978-02-24', 'transfer', 'us.csa.schedule-iii', 'us.csa.schedule-ii', ('phencyclidine',)),
    ('us.1978-06-16.pcc-etc', '1978-06-16', 'add', 'us.csa.schedule-ii', None, ('pcc', '1-phenylcyclohexylamine')),
    ('us.1978-09-27.difenoxin', '1978-09-27', 'add', 'us.csa.schedule-iv', None, ('difenoxin',)),
    ('us.1978-09-27.difenoxin', '1978-09-27', 'add', 'us.csa.schedule-v', None, ('difenoxin',)),
    ('us.1978-10-25.eticyclidine-etc', '1978-10-25', 'add', 'us.csa.schedule-i', None, ('eticyclidine', 'rolicyclidine')),
    ('us.1979-02-09.pentazocine', '1979-02-09', 'add', 'us.csa.schedule-iv', None, ('pentazocine',)),
    ('us.1980-02-11.phenylacetone', '1980-02-11', 'add', 'us.csa.schedule-ii', None, ('phenylacetone',)),
    ('us.1980-09-22.dextropropoxyphene', '1980-09-22', 'add', 'us.csa.schedule-ii', None, ('dextropropoxyphene',)),
    ('us.1980-09-30.tilidine', '1980-09-30', 'add', 'us.csa.schedule-i', None, ('tilidine',)),
    ('us.1980-12-01.lefetamine-etc', '1980-12-01', 'add', 'us.csa.schedule-iv', None, ('lefetamine', 'pipradrol')),
    ('us.1981-04-07.temazepam', '1981-04-07', 'add', 'us.csa.schedule-iv', None, ('temazepam',)),
    ('us.1981-08-20.fenetylline', '1981-08-20', 'add', 'us.csa.schedule-i', None, ('fenetylline',)),
    ('us.1981-10-29.halazepam', '1981-10-29', 'add', 'us.csa.schedule-iv', None, ('halazepam',)),
    ('us.1981-11-12.alprazolam', '1981-11-12', 'add', 'us.csa.schedule-iv', None, ('alprazolam',)),
    ('us.1981-11-27.mazindol-transfer', '1981-11-27', 'transfer', 'us.csa.schedule-iii', 'us.csa.schedule-iv', ('mazindol',)),
    ('us.1982-01-07.etilamfetamine', '1982-01-07', 'add', 'us.csa.schedule-i', None, ('etilamfetamine',)),
    ('us.1982-11-03.loperamide-removal', '1982-11-03', 'remove', 'us.csa.schedule-v', None, ('loperamide',)),
    ('us.1982-12-22.parahexyl', '1982-12-22', 'add', 'us.csa.schedule-i', None, ('parahexyl',)),
    ('us.1982-12-28.triazolam', '1982-12-28', 'add', 'us.csa.schedule-iv', None, ('triazolam',)),
    ('us.1984-08-27.methaqualone-transfer', '1984-08-27', 'transfer', 'us.csa.schedule-ii', 'us.csa.schedule-i', ('methaqualone',)),
    ('us.1984-11-05.ethyl-loflazepate-etc', '1984-11-05', 'add', 'us.csa.schedule-iv', None, ('ethyl-loflazepate', 'oxazolam', 'nordazepam', 'nitrazepam', 'nimetazepam', 'pinazepam', 'medazepam', 'lormetazepam', 'loprazolam', 'ketazolam', 'haloxazolam', 'fludiazepam', 'estazolam', 'bromazepam', 'tetrazepam', 'cloxazolam', 'flunitrazepam', 'clotiazepam', 'clobazam', 'camazepam', 'delorazepam')),
    ('us.1985-04-01.buprenorphine-transfer', '1985-04-01', 'transfer', 'us.csa.schedule-ii', 'us.csa.schedule-v', ('buprenorphine',)),
    ('us.1985-07-01.mdma-temporary', '1985-07-01', 'temporary', 'us.csa.schedule-i', None, ('mdma',)),
    ('us.1985-08-12.pepap-etc-temporary', '1985-08-12', 'temporary', 'us.csa.schedule-i', None, ('pepap', 'mppp')),
    ('us.1985-11-04.nalmefene-removal', '1985-11-04', 'remove', 'us.csa.schedule-ii', None, ('nalmefene',)),
    ('us.1986-03-25.quazepam-etc', '1986-03-25', 'add', 'us.csa.schedule-iv', None, ('quazepam', 'midazolam')),
    ('us.1986-05-13.dronabinol', '1986-05-13', 'add', 'us.csa.schedule-ii', None, ('dronabinol',)),
    ('us.1986-07-01.mdma-extension', '1986-07-01', 'extend', 'us.1985-07-01.mdma-temporary', '1987-01-01', ('mdma',)),
    ('us.1986-08-12.pepap-etc-extension', '1986-08-12', 'extend', 'us.1985-08-12.pepap-etc-temporary', '1987-02-12', ('pepap', 'mppp')),
    ('us.1986-11-13.mdma', '1986-11-13', 'add', 'us.csa.schedule-i', None, ('mdma',)),
    ('us.1987-01-23.pepap-etc', '1987-01-23', 'add', 'us.csa.schedule-i', None, ('pepap', 'mppp')),
    ('us.1987-02-20.tiletamine-etc', '1987-02-20', 'add', 'us.csa.schedule-iii', None, ('tiletamine', 'zolazepam')),
    ('us.1987-04-07.nabilone', '1987-04-07', 'add', 'us.csa.schedule-ii', None, ('nabilone',)),
    ('us.1987-10-15.n-hydroxy-mda-etc-temporary', '1987-10-15', 'temporary', 'us.csa.schedule-i', None, ('n-hydroxy-mda', '4-methylaminorex', 'n-ethyl-mda')),
    ('us.1988-01-27.mdma-removal', '1988-01-27', 'remove', 'us.csa.schedule-i', None, ('mdma',)),
    ('us.1988-03-23.mdma', '1988-03-23', 'add', 'us.csa.schedule-i', None, ('mdma',)),
    ('us.1988-05-04.propylhexedrine-etc', '1988-05-04', 'add', 'us.csa.schedule-v', None, ('propylhexedrine', 'pyrovalerone')),
    ('us.1988-06-16.fencamfamin-etc', '1988-06-16', 'add', 'us.csa.schedule-iv', None, ('fencamfamin', 'fenproporex', 'cathine', 'mefenorex')),
    ('us.1988-08-03.dimethylamfetamine-temporary', '1988-08-03', 'temporary', 'us.csa.schedule-i', None, ('dimethylamfetamine',)),
    ('un.1982-02-08.1961-schedules', '1982-02-08', 'add', 'un.1961.schedule-i', None, ('acetorphine', 'acetylmethadol', 'allylprodine', 'alphacetylmethadol', 'alphameprodine', 'alphamethadol', 'alphaprodine', 'anileridine', 'benzethidine', 'benzylmorphine', 'betacetylmethadol', 'betameprodine', 'betamethadol', 'betaprodine', 'bezitramide', 'cannabis', 'clonitazene', 'coca-leaf', 'cocaine', 'codoxime', 'concentrate-of-poppy-straw', 'desomorphine', 'dextromoramide', 'diampromide', 'diethylthiambutene', 'difenoxin', 'dihydromorphine', 'dimenoxadol', 'dimepheptanol', 'dimethylthiambutene', 'dioxaphetyl-butyrate', 'diphenoxylate', 'dipipanone', 'drotebanol', 'ecgonine', 'ethylmethylthiambutene', 'etonitazene', 'etorphine', 'etoxeridine', 'fentanyl', 'furethidine', 'heroin', 'hydrocodone', 'hydromorphinol', 'hydromorphone', 'hydroxypethidine', 'isomethadone', 'ketobemidone', 'levomethorphan', 'levomoramide', 'levophenacylmorphan', 'levorphanol', 'metazocine', 'methadone', 'methadone-intermediate', 'methyldesorphine', 'methyldihydromorphine', 'metopon', 'moramide-intermediate', 'morpheridine', 'morphine', 'morphine-methobromide', 'morphine-n-oxide', 'myrophine', 'nicomorphine', 'noracymethadol', 'norlevorphanol', 'normethadone', 'normorphine', 'norpipanone', 'opium', 'oxycodone', 'oxymorphone', 'pethidine', 'pethidine-intermediate-a', 'pethidine-intermediate-b', 'pethidine-intermediate-c', 'phenadoxone', 'phenampromide', 'phenazocine', 'phenomorphan', 'phenoperidine', 'piminodine', 'piritramide', 'proheptazine', 'properidine', 'racemethorphan', 'racemoramide', 'racemorphan', 'sufentanil', 'thebacon', 'thebaine', 'tilidine', 'trimeperidine')),
    ('un.1982-02-08.1961-schedules', '1982-02-08', 'add', 'un.1961.schedule-ii', None, ('acetyldihydrocodeine', 'codeine', 'dextropropoxyphene', 'dihydrocodeine', 'ethylmorphine', 'nicocodine', 'nicodicodine', 'norcodeine', 'pholcodine', 'propiram')),
    ('un.1982-02-08.1961-schedules', '1982-02-08', 'add', 'un.1961.schedule-iv', None, ('acetorphine', 'cannabis', 'desomorphine', 'etorphine', 'heroin', 'ketobemidone')),
    ('un.1988-10-12.1971-revised-schedules', '1988-10-12', 'add', 'un.1971.schedule-i', None, ('brolamfetamine', 'cathinone', 'det', 'dma', 'dmhp', 'dmt', 'doet', 'eticyclidine', 'lysergide', 'tenamfetamine', 'mescaline', 'mmda', 'parahexyl', 'pma', 'psilocin', 'psilocybin', 'rolicyclidine', 'stp', 'mdma', 'tenocyclidine', 'tetrahydrocannabinol', 'tma')),
    ('un.1988-10-12.1971-revised-schedules', '1988-10-12', 'add', 'un.1971.schedule-ii', None, ('amfetamine', 'dexamfetamine', 'fenetylline', 'levamfetamine', 'levomethamfetamine', 'mecloqualone', 'metamfetamine', 'metamfetamine-racemate', 'methaqualone', 'methylphenidate', 'phencyclidine', 'phenmetrazine', 'secobarbital')),
    ('un.1988-10-12.1971-revised-schedules', '1988-10-12', 'add', 'un.1971.schedule-iii', None, ('amobarbital', 'butalbital', 'cathine', 'cyclobarbital', 'glutethimide', 'pentazocine', 'pentobarbital')),
    ('un.1988-10-12.1971-revised-schedules', '1988-10-12', 'add', 'un.1971.schedule-iv', None, ('allobarbital', 'alprazolam', 'amfepramone', 'barbital', 'benzfetamine', 'bromazepam', 'butobarbital', 'camazepam', 'chlordiazepoxide', 'clobazam', 'clonazepam', 'clorazepate', 'clotiazepam', 'cloxazolam', 'delorazepam', 'diazepam', 'estazolam', 'ethchlorvynol', 'ethinamate', 'ethyl-loflazepate', 'etilamfetamine', 'fencamfamin', 'fenproporex', 'fludiazepam', 'flunitrazepam', 'flurazepam', 'halazepam', 'haloxazolam', 'ketazolam', 'lefetamine', 'loprazolam', 'lorazepam', 'lormetazepam', 'mazindol', 'medazepam', 'mefenorex', 'meprobamate', 'methylphenobarbital', 'methyprylon', 'nimetazepam', 'nitrazepam', 'nordazepam', 'oxazepam', 'oxazolam', 'phendimetrazine', 'phenobarbital', 'phentermine', 'pinazepam', 'pipradrol', 'prazepam', 'propylhexedrine', 'pyrovalerone', 'secbutabarbital', 'temazepam', 'tetrazepam', 'triazolam', 'vinylbital')),
    ('us.1988-10-13.n-ethyl-mda-etc-extension', '1988-10-13', 'extend', 'us.1987-10-15.n-hydroxy-mda-etc-temporary', '1989-04-15', ('n-ethyl-mda', '4-methylaminorex', 'n-hydroxy-mda')),
    ('us.1989-03-18.acetic-anhydride-etc', '1989-03-18', 'add', 'us.list-ii', None, ('acetic-anhydride', 'acetone', 'benzyl-chloride', 'ethyl-ether', 'hydriodic-acid', 'methyl-ethyl-ketone', 'potassium-permanganate', 'toluene')),
    ('us.1989-03-18.acetic-anhydride-etc', '1989-03-18', 'add', 'us.list-i', None, ('n-acetylanthranilic-acid', 'anthranilic-acid', 'benzyl-cyanide', 'ephedrine', 'ergometrine', 'ergotamine', '3-4-methylenedioxyphenyl-2-propanone', 'norpseudoephedrine', 'phenylacetic-acid', 'norephedrine', 'hexahydropyridine', 'pseudoephedrine')),
    ('us.1989-04-13.4-methylaminorex', '1989-04-13', 'add', 'us.csa.schedule-i', None, ('4-methylaminorex',)),
    ('us.1989-04-13.n-hydroxy-mda-etc', '1989-04-13', 'add', 'us.csa.schedule-i', None, ('n-hydroxy-mda', 'n-ethyl-mda')),
    ('us.1989-07-06.tcpy', '1989-07-06', 'add', 'us.csa.schedule-i', None, ('tcpy',)),
    ('us.1989-08-02.dimethylamfetamine-extension', '1989-08-02', 'extend', 'us.1988-08-03.dimethylamfetamine-temporary', '1990-02-03', ('dimethylamfetamine',)),
    ('us.1990-02-02.dimethylamfetamine', '1990-02-02', 'add', 'us.csa.schedule-i', None, ('dimethylamfetamine',)),
    ('un.1988-12-20.1988-convention-tables', '1990-11-11', 'add', 'un.1988.table-i', None, ('ephedrine', 'ergometrine', 'ergotamine', 'lysergic-acid', 'phenylacetone', 'pseudoephedrine')),
    ('un.1988-12-20.1988-convention-tables', '1990-11-11', 'add', 'un.1988.table-ii', None, ('acetone', 'anthranilic-acid', 'ethyl-ether', 'hexahydropyridine')),
    ('us.1991-03-21.glutethimide-transfer', '1991-03-21', 'transfer', 'us.csa.schedule-iii', 'us.csa.schedule-ii', ('glutethimide',)),
    ('us.1991-12-03.propylhexedrine-removal', '1991-12-03', 'remove', 'us.csa.schedule-v', None, ('propylhexedrine',)),
    ('us.1992-05-01.methcathinone-temporary', '1992-05-01', 'temporary', 'us.csa.schedule-i', None, ('methcathinone',)),
    ('us.1992-07-14.butorphanol-removal', '1992-07-14', 'remove', 'us.csa.schedule-ii', None, ('butorphanol',)),
    ('us.1992-09-21.aminorex-temporary', '1992-09-21', 'temporary', 'us.csa.schedule-i', None, ('aminorex',)),
    ('us.1992-10-22.hydrochloric-acid-etc', '1992-10-22', 'add', 'us.list-ii', None, ('hydrochloric-acid', 'sulfuric-acid')),
    ('us.1993-02-05.zolpidem', '1993-02-05', 'add', 'us.csa.schedule-iv', None, ('zolpidem',)),
    ('us.1993-02-16.doet-etc', '1993-02-16', 'add', 'us.csa.schedule-i', None, ('doet', 'cathinone')),
    ('us.1993-03-12.etryptamine-temporary', '1993-03-12', 'temporary', 'us.csa.schedule-i', None, ('etryptamine',)),
    ('us.1993-05-01.methcathinone-extension', '1993-05-01', 'extend', 'us.1992-05-01.methcathinone-temporary', '1993-11-01', ('methcathinone',)),
    ('us.1993-08-18.levacetylmethadol', '1993-08-18', 'add', 'us.csa.schedule-ii', None, ('levacetylmethadol',)),
    ('us.1993-09-21.aminorex-extension', '1993-09-21', 'extend', 'us.1992-09-21.aminorex-temporary', '1994-03-21', ('aminorex',)),
    ('us.1993-10-15.methcathinone', '1993-10-15', 'add', 'us.csa.schedule-i', None, ('methcathinone',)),
    ('us.1994-01-06.2c-b-temporary', '1994-01-06', 'temporary', 'us.csa.schedule-i', None, ('2c-b',)),
    ('us.1994-03-12.etryptamine-extension', '1994-03-12', 'extend', 'us.1993-03-12.etryptamine-temporary', '1994-09-12', ('etryptamine',)),
    ('us.1994-03-18.aminorex', '1994-03-18', 'add', 'us.csa.schedule-i', None, ('aminorex',)),
    ('us.1994-04-17.benzaldehyde-etc', '1994-04-17', 'add', 'us.list-i', None, ('benzaldehyde', 'nitroethane')),
    ('us.1994-04-17.benzaldehyde-etc', '1994-04-17', 'remove', 'us.list-i', None, ('n-ethylephedrine', 'n-ethylpseudoephedrine', 'lysergic-acid')),
    ('us.1994-09-12.etryptamine', '1994-09-12', 'add', 'us.csa.schedule-i', None, ('etryptamine',)),
    ('us.1995-01-06.2c-b-extension', '1995-01-06', 'extend', 'us.1994-01-06.2c-b-temporary', '1995-07-06', ('2c-b',)),
    ('us.1995-05-19.methyl-isobutyl-ketone', '1995-05-19', 'add', 'us.list-ii', None, ('methyl-isobutyl-ketone',)),
    ('us.1995-06-02.2c-b', '1995-06-02', 'add', 'us.csa.schedule-i', None, ('2c-b',)),
    ('us.1996-10-03.iodine', '1996-10-03', 'add', 'us.list-ii', None, ('iodine',)),
    ('us.1997-10-31.butorphanol', '1997-10-31', 'add', 'us.csa.schedule-iv', None, ('butorphanol',)),
    ('us.1998-02-11.sibutramine', '1998-02-11', 'add', 'us.csa.schedule-iv', None, ('sibutramine',)),
    ('us.1999-01-27.modafinil', '1999-01-27', 'add', 'us.csa.schedule-iv', None, ('modafinil',)),
    ('us.1999-07-02.dronabinol-transfer', '1999-07-02', 'transfer', 'us.csa.schedule-ii', 'us.csa.schedule-iii', ('dronabinol',)),
    ('us.1999-08-12.ketamine', '1999-08-12', 'add', 'us.csa.schedule-iii', None, ('ketamine',)),
    ('us.1999-09-15.zaleplon', '1999-09-15', 'add', 'us.csa.schedule-iv', None, ('zaleplon',)),
    ('us.2000-02-18.gamma-butyrolactone', '2000-02-18', 'add', 'us.list-i', None, ('gamma-butyrolactone',)),
    ('us.2000-03-13.gamma-hydroxybutyrate', '2000-03-13', 'add', 'us.csa.schedule-i', None, ('gamma-hydroxybutyrate',)),
    ('us.2000-03-13.gamma-hydroxybutyrate', '2000-03-13', 'add', 'us.csa.schedule-iii', None, ('gamma-hydroxybutyrate',)),
    ('us.2001-11-16.hypophosphorous-acid-etc', '2001-11-16', 'add', 'us.list-i', None, ('hypophosphorous-acid', 'red-phosphorus', 'white-phosphorus')),
    ('us.2002-09-20.2c-t-7-temporary', '2002-09-20', 'temporary', 'us.csa.schedule-i', None, ('2c-t-7',)),
    ('us.2002-09-20.benzylpiperazine-etc-temporary', '2002-09-20', 'temporary', 'us.csa.schedule-i', None, ('benzylpiperazine', 'tfmpp')),
    ('us.2002-10-07.buprenorphine-transfer', '2002-10-07', 'transfer', 'us.csa.schedule-v', 'us.csa.schedule-iii', ('buprenorphine',)),
    ('us.2003-04-04.5-meo-dipt-etc-temporary', '2003-04-04', 'temporary', 'us.csa.schedule-i', None, ('5-meo-dipt', 'amt')),
    ('us.2003-09-20.tfmpp-etc-extension', '2003-09-10', 'extend', 'us.2002-09-20.benzylpiperazine-etc-temporary', '2004-03-20', ('tfmpp', 'benzylpiperazine')),
    ('us.2003-09-20.tfmpp-etc-extension', '2003-09-10', 'extend', 'us.2002-09-20.2c-t-7-temporary', '2004-03-20', ('2c-t-7',)),
    ('us.2004-03-18.2c-t-7-etc', '2004-03-18', 'add', 'us.csa.schedule-i', None, ('2c-t-7', 'benzylpiperazine')),
    ('us.2004-03-19.tfmpp-removal', '2004-03-19', 'remove', 'us.csa.schedule-i', None, ('tfmpp',)),
    ('us.2004-04-01.amt-etc-extension', '2004-04-01', 'extend', 'us.2003-04-04.5-meo-dipt-etc-temporary', '2004-10-04', ('amt', '5-meo-dipt')),
    ('us.2004-09-29.5-meo-dipt-etc', '2004-09-29', 'add', 'us.csa.schedule-i', None, ('5-meo-dipt', 'amt')),
    ('us.2005-04-04.zopiclone', '2005-04-04', 'add', 'us.csa.schedule-iv', None, ('zopiclone',)),
    ('us.2005-07-28.pregabalin', '2005-07-28', 'add', 'us.csa.schedule-v', None, ('pregabalin',)),
    ('us.2006-09-28.embutramide', '2006-09-28', 'add', 'us.csa.schedule-iii', None, ('embutramide',)),
    ('us.2006-12-18.sodium-permanganate', '2006-12-18', 'add', 'us.list-ii', None, ('sodium-permanganate',)),
    ('us.2007-06-04.lisdexamfetamine', '2007-06-04', 'add', 'us.csa.schedule-ii', None, ('lisdexamfetamine',)),
    ('us.2007-08-01.iodine-transfer', '2007-08-01', 'transfer', 'us.list-ii', 'us.list-i', ('iodine',)),
    ('us.2007-09-24.oripavine', '2007-09-24', 'add', 'us.csa.schedule-ii', None, ('oripavine',)),
    ('us.2009-06-22.lacosamide', '2009-06-22', 'add', 'us.csa.schedule-v', None, ('lacosamide',)),
    ('us.2009-06-22.tapentadol', '2009-06-22', 'add', 'us.csa.schedule-ii', None, ('tapentadol',)),
    ('us.2009-11-05.fospropofol', '2009-11-05', 'add', 'us.csa.schedule-iv', None, ('fospropofol',)),
    ('us.2010-01-04.19-nor-4-9-10-androstadienedione-etc', '2010-01-04', 'add', 'us.csa.schedule-iii', None, ('19-nor-4-9-10-androstadienedione', 'boldione', 'desoxymethyltestosterone')),
    ('us.2011-01-19.5-meo-dmt', '2011-01-19', 'add', 'us.csa.schedule-i', None, ('5-meo-dmt',)),
    ('us.2011-03-01.cp-47-497-c8-homologue-etc-temporary', '2011-03-01', 'temporary', 'us.csa.schedule-i', None, ('cp-47-497-c8-homologue', 'jwh-018', 'jwh-200', 'jwh-073', 'cp-47-497')),
    ('us.2011-05-02.ergocristine', '2011-05-02', 'add', 'us.list-i', None, ('ergocristine',)),
    ('us.2011-10-21.mdpv-etc-temporary', '2011-10-21', 'temporary', 'us.csa.schedule-i', None, ('mdpv', 'methylone', 'mephedrone')),
    ('us.2011-12-15.ezogabine', '2011-12-15', 'add', 'us.csa.schedule-v', None, ('ezogabine',)),
    ('us.2012-01-11.carisoprodol', '2012-01-11', 'add', 'us.csa.schedule-iv', None, ('carisoprodol',)),
    ('us.2012-02-29.cp-47-497-etc-extension', '2012-02-29', 'extend', 'us.2011-03-01.cp-47-497-c8-homologue-etc-temporary', '2012-09-01', ('cp-47-497', 'jwh-018', 'jwh-200', 'jwh-073', 'cp-47-497-c8-homologue')),
    ('us.2012-07-09.synthetic-drug-abuse-prevention-act', '2012-07-09', 'add', 'us.csa.schedule-i', None, ('mephedrone', 'mdpv', '2c-e', '2c-d', '2c-c', '2c-i', '2c-t-2', '2c-t-4', '2c-h', '2c-n', '2c-p', 'cp-47-497', 'cp-47-497-c8-homologue', 'jwh-018', 'jwh-073', 'jwh-019', 'jwh-200', 'jwh-250', 'jwh-081', 'jwh-122', 'jwh-398', 'am-2201', 'am-694', 'rcs-4', 'rcs-8', 'jwh-203')),
    ('us.2012-08-29.methasterone-etc', '2012-08-29', 'add', 'us.csa.schedule-iii', None, ('methasterone', 'prostanozol')),
    ('us.2012-10-18.methylone-extension', '2012-10-18', 'extend', 'us.2011-10-21.mdpv-etc-temporary', '2013-04-21', ('methylone',)),
    ('us.2013-04-12.methylone', '2013-04-12', 'add', 'us.csa.schedule-i', None, ('methylone',)),
    ('us.2013-05-16.5f-ur-144-etc-temporary', '2013-05-16', 'temporary', 'us.csa.schedule-i', None, ('5f-ur-144', 'ur-144', 'apinaca')),
    ('us.2013-06-07.lorcaserin', '2013-06-07', 'add', 'us.csa.schedule-iv', None, ('lorcaserin',)),
    ('us.2013-11-15.2c-i-nbome-etc-temporary', '2013-11-15', 'temporary', 'us.csa.schedule-i', None, ('2c-i-nbome', '2c-c-nbome', '2c-b-nbome')),
    ('us.2014-01-02.perampanel', '2014-01-02', 'add', 'us.csa.schedule-iii', None, ('perampanel',)),
    ('us.2014-02-10.adb-pinaca-etc-temporary', '2014-02-10', 'temporary', 'us.csa.schedule-i', None, ('adb-pinaca', '5f-pb-22', 'ab-fubinaca', 'pb-22')),
    ('us.2014-03-07.pentylone-etc-temporary', '2014-03-07', 'temporary', 'us.csa.schedule-i', None, ('pentylone', 'pentedrone', 'butylone', 'alpha-pvp', 'alpha-pbp', '4-mec', '4-meppp', '4-fmc', '3-fmc', 'naphyrone')),
    ('us.2014-03-31.alfaxalone', '2014-03-31', 'add', 'us.csa.schedule-iv', None, ('alfaxalone',)),
    ('us.2014-08-18.tramadol', '2014-08-18', 'add', 'us.csa.schedule-iv', None, ('tramadol',)),
    ('us.2014-09-29.suvorexant', '2014-09-29', 'add', 'us.csa.schedule-iv', None, ('suvorexant',)),
    ('un.2014-10-06.cnd-57-1', '2014-10-06', 'add', 'un.1988.table-i', None, ('apaan',)),
    ('us.2014-10-06.hydrocodone-removal', '2014-10-06', 'remove', 'us.csa.schedule-iii', None, ('hydrocodone',)),
    ('us.2014-12-18.designer-anabolic-steroid-control-act', '2014-12-18', 'add', 'us.csa.schedule-iii', None, ('5alpha-androstan-3-6-17-trione', '6-bromo-androstan-3-17-dione', '6-bromo-androsta-1-4-diene-3-17-dione', '4-chloro-17alpha-methyl-androsta-1-4-diene-3-17beta-diol', '4-chloro-17alpha-methyl-androst-4-ene-3beta-17beta-diol', '4-chloro-17alpha-methyl-17beta-hydroxy-androst-4-en-3-one', '4-chloro-17alpha-methyl-17beta-hydroxy-androst-4-ene-3-11-dione', '2alpha-17alpha-dimethyl-17beta-hydroxy-5beta-androstan-3-one', '2alpha-3alpha-epithio-17alpha-methyl-5alpha-androstan-17beta-ol', '3-2-c-furazan-5alpha-androstan-17beta-ol', '3beta-hydroxy-estra-4-9-11-trien-17-one', '17alpha-methyl-androst-2-ene-3-17beta-diol', '17alpha-methyl-androsta-1-4-diene-3-17beta-diol', 'estra-4-9-11-triene-3-17-dione', '18a-homo-3-hydroxy-estra-2-5-10-dien-17-one', '6alpha-methyl-androst-4-ene-3-17-dione', '17alpha-methyl-androstan-3-hydroxyimine-17beta-ol', '17alpha-methyl-5alpha-androstan-17beta-ol', '17beta-hydroxy-androstano-2-3-d-isoxazole', '17beta-hydroxy-androstano-3-2-c-isoxazole', '4-hydroxy-androst-4-ene-3-17-dione', '3-2-c-pyrazole-androst-4-en-17beta-ol')),
    ('us.2015-01-23.naloxegol-removal', '2015-01-23', 'remove', 'us.csa.schedule-ii', None, ('naloxegol',)),
    ('us.2015-01-30.ab-chminaca-etc-temporary', '2015-01-30', 'temporary', 'us.csa.schedule-i', None, ('ab-chminaca', 'thj-2201', 'ab-pinaca')),
    ('us.2015-05-15.ur-144-etc-extension', '2015-05-15', 'extend', 'us.2013-05-16.5f-ur-144-etc-temporary', '2016-05-16', ('ur-144', '5f-ur-144', 'apinaca')),
    ('us.2015-11-13.2c-i-nbome-etc-extension', '2015-11-13', 'extend', 'us.2013-11-15.2c-i-nbome-etc-temporary', '2016-11-15', ('2c-i-nbome', '2c-c-nbome', '2c-b-nbome')),
    ('us.2015-12-17.eluxadoline', '2015-12-17', 'add', 'us.csa.schedule-iv', None, ('eluxadoline',)),
    ('us.2016-02-05.5f-pb-22-etc-extension', '2016-02-05', 'extend', 'us.2014-02-10.adb-pinaca-etc-temporary', '2017-02-10', ('5f-pb-22', 'pb-22', 'ab-fubinaca', 'adb-pinaca')),
    ('us.2016-02-05.adb-chminaca-temporary', '2016-02-05', 'temporary', 'us.csa.schedule-i', None, ('adb-chminaca',)),
    ('us.2016-03-04.naphyrone-etc-extension', '2016-03-04', 'extend', 'us.2014-03-07.pentylone-etc-temporary', '2017-03-07', ('naphyrone', 'pentedrone', 'pentylone', 'butylone', 'alpha-pvp', 'alpha-pbp', '4-mec', '4-meppp', '3-fmc', '4-fmc')),
    ('us.2016-05-11.ur-144-etc', '2016-05-11', 'add', 'us.csa.schedule-i', None, ('ur-144', '5f-ur-144', 'apinaca')),
    ('us.2016-05-12.brivaracetam', '2016-05-12', 'add', 'us.csa.schedule-v', None, ('brivaracetam',)),
    ('us.2016-09-06.pb-22-etc', '2016-09-06', 'add', 'us.csa.schedule-i', None, ('pb-22', '5f-pb-22', 'ab-fubinaca', 'adb-pinaca')),
    ('us.2016-09-27.2c-i-nbome-etc', '2016-09-27', 'add', 'us.csa.schedule-i', None, ('2c-i-nbome', '2c-c-nbome', '2c-b-nbome')),
    ('us.2017-01-27.ab-chminaca-etc-extension', '2017-01-27', 'extend', 'us.2015-01-30.ab-chminaca-etc-temporary', '2018-01-27', ('ab-chminaca', 'ab-pinaca', 'thj-2201')),
    ('us.2017-03-01.pentylone-etc', '2017-03-01', 'add', 'us.csa.schedule-i', None, ('pentylone', 'pentedrone', 'butylone', 'alpha-pbp', '4-meppp', '4-fmc', '3-fmc', 'naphyrone', '4-mec', 'alpha-pvp')),
    ('us.2017-03-23.dronabinol', '2017-03-23', 'add', 'us.csa.schedule-ii', None, ('dronabinol',)),
    ('us.2017-04-10.adb-fubinaca-etc-temporary', '2017-04-10', 'temporary', 'us.csa.schedule-i', None, ('adb-fubinaca', '5f-apinaca', '5f-amb', '5f-adb', 'mdmb-chmica', 'mdmb-fubinaca')),
    ('us.2017-08-14.apaan', '2017-08-14', 'add', 'us.list-i', None, ('apaan',)),
    ('us.2017-10-16.ab-chminaca-etc', '2017-10-16', 'add', 'us.csa.schedule-i', None, ('ab-chminaca', 'ab-pinaca', 'thj-2201')),
    ('us.2017-11-03.amb-fubinaca-temporary', '2017-11-03', 'temporary', 'us.csa.schedule-i', None, ('amb-fubinaca',)),
    ('us.2018-01-30.adb-chminaca-extension', '2018-01-30', 'extend', 'us.2016-02-05.adb-chminaca-temporary', '2019-02-05', ('adb-chminaca',)),
    ('un.2018-03.cnd-61-1971-schedule-ii', '2018-03', 'add', 'un.1971.schedule-ii', None, ('ab-chminaca', '5f-adb', 'ab-pinaca', 'ur-144', '5f-pb-22', '4-fa')),
    ('us.2018-07-10.5f-ab-pinaca-etc-temporary', '2018-07-10', 'temporary', 'us.csa.schedule-i', None, ('5f-ab-pinaca', 'nm-2201', '5f-cumyl-p7aica', 'amb-chmica', 'cumyl-4cn-binaca')),
    ('us.2018-08-31.n-ethylpentylone-temporary', '2018-08-31', 'temporary', 'us.csa.schedule-i', None, ('n-ethylpentylone',)),
    ('us.2019-01-29.adb-chminaca', '2019-01-29', 'add', 'us.csa.schedule-i', None, ('adb-chminaca',)),
    ('un.2019-03.cnd-62-1971-schedule-ii', '2019-03', 'add', 'un.1971.schedule-ii', None, ('adb-fubinaca', 'amb-fubinaca', 'adb-chminaca', 'cumyl-4cn-binaca', 'n-ethylpentylone')),
    ('un.2019-03-19.cnd-62-10-12', '2019-03-19', 'add', 'un.1988.table-i', None, ('pmk-methyl-glycidate', 'pmk-glycidic-acid', 'apaa')),
    ('us.2019-04-08.5f-adb-etc-extension', '2019-04-08', 'extend', 'us.2017-04-10.adb-fubinaca-etc-temporary', '2020-04-10', ('5f-adb', 'mdmb-fubinaca', 'mdmb-chmica', 'adb-fubinaca', '5f-apinaca', '5f-amb')),
    ('us.2019-04-16.5f-mdmb-pica-etc-temporary', '2019-04-16', 'temporary', 'us.csa.schedule-i', None, ('5f-mdmb-pica', 'fub-apinaca', '5f-cumyl-pinaca', '5f-edmb-pinaca', 'fub-144')),
    ('us.2019-06-17.brexanolone', '2019-06-17', 'add', 'us.csa.schedule-iv', None, ('brexanolone',)),
    ('us.2019-06-17.solriamfetol', '2019-06-17', 'add', 'us.csa.schedule-iv', None, ('solriamfetol',)),
    ('us.2019-07-18.4-mphp-etc-temporary', '2019-07-18', 'temporary', 'us.csa.schedule-i', None, ('4-mphp', '4-cl-alpha-pvp', 'alpha-php', 'alpha-phpp', '4-meapp', 'n-ethylhexedrone')),
    ('us.2019-11-03.amb-fubinaca-extension', '2019-11-03', 'extend', 'us.2017-11-03.amb-fubinaca-temporary', '2020-11-03', ('amb-fubinaca',)),
    ('us.2020-01-24.5f-adb-etc', '2020-01-24', 'add', 'us.csa.schedule-i', None, ('5f-adb', 'mdmb-fubinaca', 'mdmb-chmica', 'adb-fubinaca', '5f-apinaca', '5f-amb')),
    ('us.2020-01-24.6beta-naltrexol-removal', '2020-01-24', 'remove', 'us.csa.schedule-ii', None, ('6beta-naltrexol',)),
    ('us.2020-01-31.lasmiditan', '2020-01-31', 'add', 'us.csa.schedule-v', None, ('lasmiditan',)),
    ('un.2020-03.cnd-63-1971-schedules', '2020-03', 'add', 'un.1971.schedule-i', None, ('doc',)),
    ('un.2020-03.cnd-63-1971-schedules', '2020-03', 'add', 'un.1971.schedule-ii', None, ('ab-fubinaca', '5f-amb', '5f-mdmb-pica', '4f-mdmb-binaca', '4-cmc', 'n-ethylhexedrone', 'alpha-php')),
    ('un.2020-03.cnd-63-1971-schedules', '2020-03', 'add', 'un.1971.schedule-iv', None, ('flualprazolam', 'etizolam')),
    ('un.2020-03-04.cnd-63-1', '2020-03-04', 'add', 'un.1988.table-i', None, ('mapa',)),
    ('us.2020-03-10.cenobamate', '2020-03-10', 'add', 'us.csa.schedule-v', None, ('cenobamate',)),
    ('us.2020-03-30.amb-fubinaca', '2020-03-30', 'add', 'us.csa.schedule-i', None, ('amb-fubinaca',)),
    ('us.2020-04-07.lemborexant', '2020-04-07', 'add', 'us.csa.schedule-iv', None, ('lemborexant',)),
    ('us.2020-07-10.amb-chmica-etc-extension', '2020-07-10', 'extend', 'us.2018-07-10.5f-ab-pinaca-etc-temporary', '2021-07-10', ('amb-chmica', 'cumyl-4cn-binaca', '5f-ab-pinaca', '5f-cumyl-p7aica', 'nm-2201')),
    ('us.2020-08-31.n-ethylpentylone-extension', '2020-08-31', 'extend', 'us.2018-08-31.n-ethylpentylone-temporary', '2021-08-31', ('n-ethylpentylone',)),
    ('us.2020-10-06.remimazolam', '2020-10-06', 'add', 'us.csa.schedule-iv', None, ('remimazolam',)),
    ('us.2020-10-30.oliceridine', '2020-10-30', 'add', 'us.csa.schedule-ii', None, ('oliceridine',)),
    ('un.2020-12-02.cnd-63-17', '2020-12-02', 'remove', 'un.1961.schedule-iv', None, ('cannabis',)),
    ('us.2021-04-16.fub-144-etc-extension', '2021-04-16', 'extend', 'us.2019-04-16.5f-mdmb-pica-etc-temporary', '2022-04-16', ('fub-144', '5f-cumyl-pinaca', 'fub-apinaca', '5f-mdmb-pica', '5f-edmb-pinaca')),
    ('us.2021-04-19.samidorphan-removal', '2021-04-19', 'remove', 'us.csa.schedule-ii', None, ('samidorphan',)),
    ('us.2021-05-07.serdexmethylphenidate', '2021-05-07', 'add', 'us.csa.schedule-iv', None, ('serdexmethylphenidate',)),
    ('us.2021-06-09.apaa-etc', '2021-06-09', 'add', 'us.list-i', None, ('apaa', 'pmk-methyl-glycidate', 'pmk-glycidic-acid')),
    ('us.2021-06-10.5f-ab-pinaca-etc', '2021-06-10', 'add', 'us.csa.schedule-i', None, ('5f-ab-pinaca', 'cumyl-4cn-binaca', 'amb-chmica', '5f-cumyl-p7aica', 'nm-2201')),
    ('us.2021-06-14.n-ethylpentylone', '2021-06-14', 'add', 'us.csa.schedule-i', None, ('n-ethylpentylone',)),
    ('us.2021-07-18.n-ethylhexedrone-etc-extension', '2021-07-18', 'extend', 'us.2019-07-18.4-mphp-etc-temporary', '2022-07-18', ('n-ethylhexedrone', '4-cl-alpha-pvp', 'alpha-php', '4-meapp', '4-mphp', 'alpha-phpp')),
    ('us.2021-07-26.pmma', '2021-07-26', 'add', 'us.csa.schedule-i', None, ('pmma',)),
    ('us.2021-09-13.4-4-dmar', '2021-09-13', 'add', 'us.csa.schedule-i', None, ('4-4-dmar',)),
    ('us.2021-12-20.mapa', '2021-12-20', 'add', 'us.list-i', None, ('mapa',)),
    ('us.2022-04-07.5f-edmb-pinaca-etc', '2022-04-07', 'add', 'us.csa.schedule-i', None, ('5f-edmb-pinaca', '5f-mdmb-pica', 'fub-apinaca', '5f-cumyl-pinaca', 'fub-144')),
    ('us.2022-04-07.daridorexant', '2022-04-07', 'add', 'us.csa.schedule-iv', None, ('daridorexant',)),
    ('us.2022-06-01.ganaxolone', '2022-06-01', 'add', 'us.csa.schedule-v', None, ('ganaxolone',)),
    ('us.2022-06-01.n-ethylhexedrone-etc', '2022-06-01', 'add', 'us.csa.schedule-i', None, ('n-ethylhexedrone', 'alpha-php', '4-meapp', '4-mphp', 'alpha-phpp', '4-cl-alpha-pvp')),
    ('us.2022-07-06.mxe', '2022-07-06', 'add', 'us.csa.schedule-i', None, ('mxe',)),
    ('us.2022-11-21.18f-fp-cit-removal', '2022-12-21', 'remove', 'us.csa.schedule-ii', None, ('18f-fp-cit',)),
    ('us.2022-11-22.mesocarb', '2022-12-22', 'add', 'us.csa.schedule-i', None, ('mesocarb',)),
    ('us.2022-12-09.mpa', '2022-12-09', 'add', 'us.csa.schedule-i', None, ('mpa',)),
    ('us.2022-12-19.amineptine', '2022-12-19', 'add', 'us.csa.schedule-i', None, ('amineptine',)),
    ('us.2022-12-21.zipeprol', '2022-12-21', 'add', 'us.csa.schedule-i', None, ('zipeprol',)),
    ('us.2022-12-23.fenfluramine-removal', '2022-12-23', 'remove', 'us.csa.schedule-iv', None, ('fenfluramine',)),
    ('un.2023-03.cnd-66-1971-schedule-ii', '2023-03', 'add', 'un.1971.schedule-ii', None, ('alpha-pihp', '3-mmc', 'adb-butinaca')),
    ('us.2023-04-10.eutylone', '2023-04-10', 'add', 'us.csa.schedule-i', None, ('eutylone',)),
    ('us.2023-07-26.etizolam-etc-temporary', '2023-07-26', 'temporary', 'us.csa.schedule-i', None, ('etizolam', 'flualprazolam', 'clonazolam', 'flubromazolam', 'diclazepam')),
    ('us.2023-10-31.zuranolone', '2023-10-31', 'add', 'us.csa.schedule-iv', None, ('zuranolone',)),
    ('us.2023-12-12.mdmb-4en-pinaca-etc-temporary', '2023-12-12', 'temporary', 'us.csa.schedule-i', None, ('mdmb-4en-pinaca', '4f-mdmb-bica', 'adb-4en-pinaca', 'cumyl-pegaclone', '5f-edmb-pica', 'mmb-fubica')),
    ('us.2023-12-13.adb-butinaca-etc', '2023-12-13', 'add', 'us.csa.schedule-i', None, ('adb-butinaca', 'alpha-pihp', '3-mmc')),
    ('us.2024-11-21.ethylphenidate', '2024-11-21', 'add', 'us.csa.schedule-i', None, ('ethylphenidate',)),
    ('un.2024-12-03.1988-tables-reconstruction', '2024-12-03', 'add', 'un.1988.table-i', None, ('acetic-anhydride', 'phenylacetic-acid', 'potassium-permanganate', 'n-acetylanthranilic-acid', 'isosafrole', 'safrole', 'piperonal', '3-4-methylenedioxyphenyl-2-propanone', 'norephedrine')),
    ('un.2024-12-03.1988-tables-reconstruction', '2024-12-03', 'add', 'un.1988.table-ii', None, ('hydrochloric-acid', 'methyl-ethyl-ketone', 'sulfuric-acid', 'toluene')),
    ('un.2024-12-03.cnd-67-glycidic-acid-esters', '2024-12-03', 'add', 'un.1988.table-i', None, ('bmk-glycidic-acid', 'pmk-ethyl-glycidate')),
    ('un.2025-03.cnd-68-1971-schedules', '2025-03', 'add', 'un.1971.schedule-ii', None, ('hexahydrocannabinol',)),
    ('un.2025-03.cnd-68-1971-schedules', '2025-03', 'add', 'un.1971.schedule-iv', None, ('carisoprodol',)),
    ('us.2025-07-25.etizolam-etc-extension', '2025-07-25', 'extend', 'us.2023-07-26.etizolam-etc-temporary', '2026-07-26', ('etizolam', 'flualprazolam', 'clonazolam', 'flubromazolam', 'diclazepam')),
    ('us.2025-08-08.dipentylone', '2025-08-08', 'add', 'us.csa.schedule-i', None, ('dipentylone',)),
    ('us.2020-06-08.ethylone-specific-listing', '2020-06-08', 'add', 'us.csa.schedule-i', None, ('ethylone',)),
    ('us.2021-06-22.4f-mdmb-binaca-specific-listing', '2021-06-22', 'add', 'us.csa.schedule-i', None, ('4f-mdmb-binaca',)),
    ('us.2025-10-15.dea-controlled-substances-list', '2025-10-15', 'add', 'us.csa.schedule-i', None, ('2-5-dimethoxyfentanyl', '3-furanylfentanyl', 'alpha-prime-methylbutyrylfentanyl', 'beta-methylacetylfentanyl', 'isovalerylfentanyl', 'meta-fluorofuranylfentanyl', 'ortho-chlorofentanyl', 'ortho-fluorofuranylfentanyl', 'ortho-methylcyclopropylfentanyl', 'para-chlorofentanyl', 'para-fluorovalerylfentanyl', 'para-methylcyclopropylfentanyl', 'tetrahydrothiofuranylfentanyl')),
    ('us.2005-01-20.anabolic-steroid-control-act-2004', '2005-01-20', 'add', 'us.csa.schedule-iii', None, ('3beta-17beta-dihydroxy-5alpha-androstane', '3alpha-17beta-dihydroxy-5alpha-androstane', '5alpha-androstan-3-17-dione', '1-androstenediol-3beta-17beta-dihydroxy-5alpha-androst-1-ene', '1-androstenediol-3alpha-17beta-dihydroxy-5alpha-androst-1-ene', '4-androstenediol', '5-androstenediol', '1-androstenedione', '4-androstenedione', '5-androstenedione', 'bolasterone', 'boldenone', 'calusterone', 'clostebol', 'dehydrochloromethyltestosterone', 'delta1-dihydrotestosterone', '4-dihydrotestosterone', 'drostanolone', 'ethylestrenol', 'fluoxymesterone', 'formebolone', 'furazabol', '13beta-ethyl-17beta-hydroxygon-4-en-3-one', '4-hydroxytestosterone', '4-hydroxy-19-nortestosterone', 'mestanolone', 'mesterolone', 'methandienone', 'methandriol', 'methenolone', '17alpha-methyl-3beta-17beta-dihydroxy-5alpha-androstane', '17alpha-methyl-3alpha-17beta-dihydroxy-5alpha-androstane', '17alpha-methyl-3beta-17beta-dihydroxyandrost-4-ene', '17alpha-methyl-4-hydroxynandrolone', 'methyldienolone', 'methyltrienolone', 'methyltestosterone', 'mibolerone', '17alpha-methyl-delta1-dihydrotestosterone', 'nandrolone', '19-nor-4-androstenediol-3beta-17beta-dihydroxyestr-4-ene', '19-nor-4-androstenediol-3alpha-17beta-dihydroxyestr-4-ene', '19-nor-5-androstenediol-3beta-17beta-dihydroxyestr-5-ene', '19-nor-5-androstenediol-3alpha-17beta-dihydroxyestr-5-ene', '19-nor-4-androstenedione', '19-nor-5-androstenedione', 'norbolethone', 'norclostebol', 'norethandrolone', 'normethandrolone', 'oxandrolone', 'oxymesterone', 'oxymetholone', 'stanozolol', 'stenbolone', 'testolactone', 'testosterone', 'tetrahydrogestrinone', 'trenbolone')),
    ('us.2025-12-11.cumyl-pegaclone-extension', '2025-12-12', 'extend', 'us.2023-12-12.mdmb-4en-pinaca-etc-temporary', '2026-12-12', ('cumyl-pegaclone',)),
    ('us.2025-12-11.mdmb-4en-pinaca-extension', '2025-12-11', 'extend', 'us.2023-12-12.mdmb-4en-pinaca-etc-temporary', '2026-12-12', ('mdmb-4en-pinaca',)),
    ('us.2025-12-12.4f-mdmb-bica-etc-extension', '2025-12-12', 'extend', 'us.2023-12-12.mdmb-4en-pinaca-etc-temporary', '2026-12-12', ('4f-mdmb-bica', 'adb-4en-pinaca', '5f-edmb-pica', 'mmb-fubica')),
    ('us.2025-12-17.4-cmc', '2025-12-17', 'add', 'us.csa.schedule-i', None, ('4-cmc',)),
    ('us.2026-02-17.4-fa', '2026-02-17', 'add', 'us.csa.schedule-i', None, ('4-fa',)),
    ('us.2026-05-01.4f-mdmb-bica-etc', '2026-05-01', 'add', 'us.csa.schedule-i', None, ('4f-mdmb-bica', 'adb-4en-pinaca', '5f-edmb-pica', 'mmb-fubica')),
    ('us.1991-02-27.propionic-anhydride', '1991-02-27', 'add', 'us.list-i', None, ('ethylamine', 'n-ethylephedrine', 'n-ethylpseudoephedrine', 'isosafrole', 'lysergic-acid', 'methylamine', 'n-methylephedrine', 'n-methylpseudoephedrine', 'piperonal', 'safrole')),
    ('us.1991-02-27.propionic-anhydride', '1991-02-27', 'transfer', 'us.list-ii', 'us.list-i', ('hydriodic-acid',)),
    ('us.2023-12-07.nine-fentanyl-related-substances', '2023-12-07', 'add', 'us.csa.schedule-i', None, ('para-methoxyfuranylfentanyl',)),
]

CASES = [(iid, day, kind, a, b, sub) for iid, day, kind, a, b, subs in PINS for sub in subs]


@pytest.mark.parametrize(("iid", "day", "kind", "a", "b", "sub"), CASES, ids=[f"{c[0]}:{c[2]}:{c[5]}" for c in CASES])
def test_both_sides_of_each_encoded_action(iid: str, day: str, kind: str, a: str, b: str | None, sub: str) -> None:
    r = reg()
    j = iid.split(".", 1)[0].upper()
    first, d = window(iid)  # d: the first day the action's effect is certain (after the month of a month-only date)
    prev = first - dt.timedelta(days=1)
    assert iid in r.instruments, iid
    if kind in ("add", "temporary"):
        assert iid not in _cites(sub, j, prev), f"{iid} already cited for {sub} on {prev}"
        on = r.status(sub, j, d)
        assert on.controlled and iid in {c.instrument for c in on.citations}, f"{iid} not cited for {sub} on {d}"
        assert a in on.lists
    elif kind == "remove":
        assert a in r.status(sub, j, prev).lists
        assert a not in r.status(sub, j, d).lists
    elif kind == "transfer":
        assert a in r.status(sub, j, prev).lists and b not in r.status(sub, j, prev).lists
        assert b in r.status(sub, j, d).lists and a not in r.status(sub, j, d).lists
    elif kind == "extend":
        ivs = [iv for iv in r._index.by_substance[sub] if iv.instrument == a and iv.basis == "temporary"]
        assert ivs and all(iid in iv.extended_by for iv in ivs)
        # a permanent listing may replace the temporary control before its expiry (end_kind superseded)
        assert all(iv.end >= _d(b) or iv.end_kind in ("removed", "superseded") for iv in ivs), (sub, [iv.end for iv in ivs], b)
        assert r.status(sub, j, d).controlled


def test_enough_dated_actions_are_pinned() -> None:
    assert len(CASES) >= 30
