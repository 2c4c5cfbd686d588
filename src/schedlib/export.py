"""Law-as-data tables: the whole registry as one row per substance x list x interval.

``export(reg, "csv" | "json" | "parquet", out_dir)`` writes ``intervals.<ext>``,
``substances.<ext>``, ``instruments.<ext>`` and ``codebook.json`` (a description
of every column). Parquet needs the optional ``pyarrow`` extra.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engine import FOREVER, Interval
from .errors import InvalidQueryError, SchedlibError

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["CODEBOOK", "FORMATS", "export", "interval_rows", "start_kind"]

FORMATS = ("csv", "json", "parquet")

CODEBOOK: dict[str, dict[str, str]] = {
    "intervals": {
        "substance_id": "Registry id of the substance (see substances table).",
        "substance_name": "Preferred English name.",
        "jurisdiction": "Jurisdiction code (UN, US, CN, CA, MX, EU).",
        "list_id": "Control list id.",
        "regime": "drug, precursor or export.",
        "start": "Start of the interval (ISO date, inclusive). How it is known is in start_kind: it is the first day "
        "of control only when start_kind is exact.",
        "start_kind": "exact (the day control began); month (an effective date known only to the month: start is its "
        "first day, every day of that month is uncertain); year (known only to the year); lower-bound (evidence that "
        "control was in force by start, e.g. a consolidated list; it began on an unknown earlier day).",
        "end": "First day without control (ISO date, exclusive); empty while in force.",
        "basis": "listed (named), temporary (temporary control), class (class rule member), "
        "derivative (covered by another listing's scope).",
        "via": "Class rule id, or parent substance id for a derivative; empty when named.",
        "entry": "Entry number as printed in the list, when known.",
        "end_kind": "open, removed, expired, transferred (moved to another list of the same jurisdiction) or superseded "
        "(a temporary control replaced by a permanent listing on the same list; control continues).",
        "moved_from": "List the substance was transferred from on start, if any.",
        "moved_to": "List the substance was transferred to on end, if any.",
        "instrument": "Id of the instrument that started the interval.",
        "instrument_number": "Document number of that instrument (e.g. 83 FR 5188).",
        "instrument_title": "Title of that instrument (original language).",
        "effective_confidence": "official, secondary, unverified or computed: how the start date is known.",
        "citation_kind": "primary if an official text of the starting instrument was seen, else secondary.",
        "extended_by": "Ids of instruments that extended a temporary control, separated by '|'.",
        "ended_by": "Id of the instrument that ended the interval (removal or transfer), if any.",
        "caveats": "Caveats of the instruments behind the interval, separated by '|'.",
    },
    "substances": {
        "substance_id": "Registry id.",
        "name": "Preferred English name.",
        "families": "Family ids, separated by '|'.",
        "cas": "CAS Registry Numbers, separated by '|'.",
        "inchikey": "InChIKey, when a source gives it.",
        "unii": "FDA UNII, when a source gives it.",
        "dea_code": "DEA controlled substance code number, when a source gives it.",
        "names_zh": "Chinese names, separated by '|'.",
        "synonyms": "Other names (any language), separated by '|'.",
    },
    "instruments": {
        "instrument": "Registry id of the instrument.",
        "jurisdiction": "Jurisdiction code.",
        "kind": "Kind of act (statute, final-rule, decision, announcement, …).",
        "number": "Document number.",
        "title": "Title (original language).",
        "title_en": "English title.",
        "signed": "Date signed or decided (YYYY-MM-DD, YYYY-MM, YYYY or unknown).",
        "published": "Date published.",
        "effective": "Effective date.",
        "effective_confidence": "How the effective date is known.",
        "confidence": "Confidence in the instrument's facts overall.",
        "url": "URL of the instrument, when known.",
        "sources": "Source ids with their kind, separated by '|'.",
        "file": "Path of the YAML file that holds the instrument, relative to the registry.",
    },
}


def _d(day: Any) -> str:
    return "" if day is None or day == FOREVER else day.isoformat()


def start_kind(iv: Interval) -> str:
    """How an interval's start is known: ``exact``, ``month``, ``year`` or ``lower-bound``."""
    if not iv.since_exact:
        return "lower-bound"
    return "exact" if iv.start_precision == "day" else iv.start_precision


def interval_rows(reg: Registry) -> list[dict[str, str]]:
    rows = []
    for sid in sorted(reg._index.by_substance):
        sub = reg.substances[sid]
        for iv in reg._index.by_substance[sid]:
            inst = reg.instruments[iv.instrument]
            cit = reg.cite_instrument(iv.instrument)
            rows.append(
                {
                    "substance_id": sid,
                    "substance_name": sub.name,
                    "jurisdiction": iv.jurisdiction,
                    "list_id": iv.list_id,
                    "regime": iv.regime,
                    "start": _d(iv.start),
                    "start_kind": start_kind(iv),
                    "end": _d(iv.end),
                    "basis": iv.basis,
                    "via": iv.via or "",
                    "entry": iv.entry or "",
                    "end_kind": iv.end_kind,
                    "moved_from": iv.moved_from or "",
                    "moved_to": iv.moved_to or "",
                    "instrument": iv.instrument,
                    "instrument_number": inst.number or "",
                    "instrument_title": inst.title,
                    "effective_confidence": cit.effective_confidence,
                    "citation_kind": cit.kind,
                    "extended_by": "|".join(iv.extended_by),
                    "ended_by": iv.ended_by or "",
                    "caveats": "|".join(iv.caveats),
                }
            )
    return rows


def _substance_rows(reg: Registry) -> list[dict[str, str]]:
    rows = []
    for sid in sorted(reg.substances):
        s = reg.substances[sid]
        rows.append(
            {
                "substance_id": sid,
                "name": s.name,
                "families": "|".join(s.families),
                "cas": "|".join(s.identifiers.cas),
                "inchikey": s.identifiers.inchikey or "",
                "unii": s.identifiers.unii or "",
                "dea_code": s.identifiers.dea_code or "",
                "names_zh": "|".join(n.name for n in s.synonyms if n.lang.startswith("zh")),
                "synonyms": "|".join(n.name for n in s.synonyms if not n.lang.startswith("zh")),
            }
        )
    return rows


def _instrument_rows(reg: Registry) -> list[dict[str, str]]:
    rows = []
    for iid in sorted(reg.instruments):
        inst = reg.instruments[iid]
        cit = reg.cite_instrument(iid)
        rows.append(
            {
                "instrument": iid,
                "jurisdiction": inst.jurisdiction,
                "kind": inst.kind,
                "number": inst.number or "",
                "title": inst.title,
                "title_en": inst.title_en or "",
                "signed": cit.signed or "",
                "published": cit.published or "",
                "effective": cit.effective,
                "effective_confidence": cit.effective_confidence,
                "confidence": inst.confidence,
                "url": inst.url or "",
                "sources": "|".join(f"{s.id} ({s.kind})" for s in cit.sources),
                "file": reg._data.locate("instrument", iid).path,
            }
        )
    return rows


def export(reg: Registry, fmt: str, out_dir: str | Path) -> list[Path]:
    """Write the registry's tables and codebook to ``out_dir``; return the paths written."""
    if fmt not in FORMATS:
        raise InvalidQueryError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    tables = {"intervals": interval_rows(reg), "substances": _substance_rows(reg), "instruments": _instrument_rows(reg)}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt == "parquet":
        try:
            import pyarrow as pa  # type: ignore[import-not-found, unused-ignore]
            import pyarrow.parquet as pq  # type: ignore[import-not-found, unused-ignore]
        except ImportError:
            raise SchedlibError(
                "Parquet export needs the optional pyarrow package: pip install 'schedlib[parquet]' (or use --format csv)"
            ) from None
        for name, rows in tables.items():
            cols = list(CODEBOOK[name])
            table = pa.table({c: [r[c] for r in rows] for c in cols})
            path = out / f"{name}.parquet"
            pq.write_table(table, path)
            written.append(path)
    for name, rows in tables.items():
        if fmt == "csv":
            path = out / f"{name}.csv"
            with path.open("w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fieldnames=list(CODEBOOK[name]))
                writer.writeheader()
                writer.writerows(rows)
            written.append(path)
        elif fmt == "json":
            path = out / f"{name}.json"
            path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written.append(path)
    codebook = {
        "registry": {"name": reg.info.name, "version": reg.version, "digest": reg.digest},
        "tables": CODEBOOK,
        "notes": [
            "Intervals are half-open: controlled from start (inclusive) to end (exclusive).",
            "A class or derivative row states the registry's reading that a substance is covered; see the class rule.",
            "Coverage: a substance absent from a list is not-covered unless the list's coverage is complete "
            "for that date and family (see lists/*.yaml).",
        ],
    }
    path = out / "codebook.json"
    path.write_text(json.dumps(codebook, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(path)
    return written
