"""The source policy: which addresses a source may cite, read from ``registry/publishers.yaml``.

The policy, as data (:class:`PublishersFile`):

* ``publishers`` — the official publishers of each jurisdiction and their domains. A source of
  kind ``primary`` has its ``url`` on one of them, or has no ``url`` and names the official
  document it copies (``copy_of``) with the address it was read from (``read_via``).
* ``read_via_only`` — domains (document-sharing sites) that may appear only as the ``read_via``
  of a source that cites the official document (an official ``url`` or a ``copy_of``).
* ``never`` — domains that may not appear anywhere in the registry (AI-generated text, content
  farms, machine-spun or gambling-branded reprints, translation memories, wiki mirrors).

A domain entry is a host name (``example.org`` also matches ``www.example.org``), optionally
followed by a path prefix (``github.com/some-owner``). :func:`check_policy` reports every
violation as ``FILE:LINE: message``; :func:`official_share` measures, per jurisdiction, how many
instruments cite their official act at an official publisher's address.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from . import models as m

if TYPE_CHECKING:
    from .loader import Located, RegistryData

__all__ = [
    "DeniedDomain",
    "Publisher",
    "PublishersFile",
    "SourceKinds",
    "check_policy",
    "host_of",
    "instrument_kinds",
    "official_share",
]

_DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(/[A-Za-z0-9._~-]+)*$")


def _domain(value: object) -> str:
    if not isinstance(value, str) or not _DOMAIN.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a domain: write a lower-case host name such as example.org, optionally followed by"
            " a path prefix (github.com/owner); no scheme, no trailing slash"
        )
    return value


Domain = Annotated[str, Field(min_length=3, max_length=200)]


class _PolicyModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Publisher(_PolicyModel):
    """An official publisher of one jurisdiction's legal texts, and the domains it publishes on."""

    jurisdiction: m.JurisdictionCode
    name: m.Text
    domains: Annotated[tuple[Domain, ...], Field(min_length=1)]
    note: m.Text | None = None

    @field_validator("domains")
    @classmethod
    def _domains(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_domain(d) for d in value)


class DeniedDomain(_PolicyModel):
    """A domain the policy restricts, with the reason (what the site is)."""

    domain: Domain
    reason: m.Text

    @field_validator("domain")
    @classmethod
    def _check(cls, value: str) -> str:
        return _domain(value)


class PublishersFile(_PolicyModel):
    """``registry/publishers.yaml``: the source policy."""

    publishers: Annotated[tuple[Publisher, ...], Field(min_length=1)]
    read_via_only: tuple[DeniedDomain, ...] = ()
    never: tuple[DeniedDomain, ...] = ()
    pending: tuple[Annotated[str, Field(min_length=1, max_length=300)], ...] = ()
    """Registry files whose violations are known and being fixed (reported, not failed). Keep it empty."""


# --------------------------------------------------------------------------- addresses


def host_of(url: str) -> tuple[str, str]:
    """(host, path) of an address, lower-case host without ``www.`` or a trailing dot; ("", "") if none."""
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return "", ""
    return host, parts.path or "/"


def _matches(entry: str, host: str, path: str) -> bool:
    dom, _, prefix = entry.partition("/")
    if not host or not (host == dom or host.endswith("." + dom)):
        return False
    if not prefix:
        return True
    want = "/" + prefix.lower()
    low = path.lower()
    return low == want or low.startswith(want + "/")


def _match(entries: Iterable[str], url: str) -> str | None:
    host, path = host_of(url)
    for e in entries:
        if _matches(e, host, path):
            return e
    return None


def _mention_pattern(entry: str) -> re.Pattern[str]:
    """A domain named anywhere in a text: as a host (``m.kanguv.com``) or inside an address."""
    return re.compile(r"(?<![a-z0-9-])" + re.escape(entry.lower()) + r"(?![a-z0-9-])")


@dataclass(frozen=True, slots=True)
class _Policy:
    official: Mapping[str, tuple[str, ...]]
    all_official: tuple[str, ...]
    read_via_only: Mapping[str, str]
    never: Mapping[str, str]

    @classmethod
    def of(cls, pf: PublishersFile) -> _Policy:
        official: dict[str, list[str]] = {}
        for p in pf.publishers:
            official.setdefault(p.jurisdiction, []).extend(p.domains)
        return cls(
            {k: tuple(v) for k, v in official.items()},
            tuple(d for p in pf.publishers for d in p.domains),
            {d.domain: d.reason for d in pf.read_via_only},
            {d.domain: d.reason for d in pf.never},
        )

    def is_official(self, url: str | None, jurisdiction: str | None = None) -> bool:
        if not url:
            return False
        entries = self.official.get(jurisdiction, ()) if jurisdiction else self.all_official
        return _match(entries, url) is not None


# --------------------------------------------------------------------------- the check


def check_policy(
    data: RegistryData,
    policy_file: PublishersFile,
    policy_loc: Located,
    contents: Iterable[tuple[str, bytes]],
    add: Callable[[str, int, str], None],
) -> list[str]:
    """Report every violation through ``add(path, line, message)``; return the pending files' messages.

    Violations in files listed under ``pending`` are returned instead of reported.
    """
    policy = _Policy.of(policy_file)
    pending = set(policy_file.pending)
    held: list[str] = []

    def report(path: str, line: int, message: str) -> None:
        if path in pending:
            held.append(f"{path}:{line}: {message}")
        else:
            add(path, line, message)

    for i, pub in enumerate(policy_file.publishers):
        if pub.jurisdiction not in data.jurisdictions:
            add(policy_loc.path, policy_loc.line("publishers", i, "jurisdiction"), f"unknown jurisdiction {pub.jurisdiction!r}")
    for i, entry in enumerate(policy_file.read_via_only):
        if entry.domain in policy.never:
            add(policy_loc.path, policy_loc.line("read_via_only", i, "domain"), f"{entry.domain} is also in never")
    known_files = {rel for rel, _ in contents}
    for i, rel in enumerate(policy_file.pending):
        if rel not in known_files:
            add(policy_loc.path, policy_loc.line("pending", i), f"pending file {rel!r} does not exist; remove it")

    # 1. Domains that may never appear: any line of any registry file.
    patterns = [(d, _mention_pattern(d), reason) for d, reason in policy.never.items()]
    for rel, raw in contents:
        if rel == policy_loc.path or rel.startswith("schema/"):
            continue
        text = raw.decode("utf-8", errors="replace").lower()
        if not any(d in text for d, _, _ in patterns):
            continue
        for n, line_text in enumerate(text.splitlines(), start=1):
            for d, pat, reason in patterns:
                if pat.search(line_text):
                    report(rel, n, f"{d} is never cited ({reason}); re-read the fact from an acceptable source or remove it")

    # 2. Sources: read-via-only domains, primary sources on an official domain.
    for sid, src in data.sources.items():
        loc = data.locate("source", sid)
        for name in ("url", "archived_url"):
            value = getattr(src, name)
            hit = _match(policy.read_via_only, value) if value else None
            if hit:
                report(
                    loc.path,
                    loc.line(name),
                    f"{hit} may appear only as read_via of an official document it copies ({policy.read_via_only[hit]});"
                    " put the official address in url and this one in read_via",
                )
        if src.read_via:
            hit = _match(policy.read_via_only, src.read_via)
            if hit and not (policy.is_official(src.url) or src.copy_of):
                report(
                    loc.path,
                    loc.line("read_via"),
                    f"{hit} may appear only as read_via of an official document ({policy.read_via_only[hit]});"
                    " give the official address in url or name the document in copy_of",
                )
        if src.copy_of and not src.read_via:
            report(loc.path, loc.line("copy_of"), "copy_of names the official document; say where the copy was read (read_via)")
        if src.kind == "primary":
            if src.url and not policy.is_official(src.url):
                host = host_of(src.url)[0] or src.url
                report(
                    loc.path,
                    loc.line("url"),
                    f"a primary source's url must be an official publisher's address (registry/publishers.yaml), not {host};"
                    " put the official address in url and this one in read_via, or label the source kind: secondary",
                )
            elif not src.url and not (src.copy_of and src.read_via):
                report(
                    loc.path,
                    loc.line("kind"),
                    "a primary source needs its official address in url, or copy_of (the official document) and"
                    " read_via (where the copy was read)",
                )

    # 3. Instruments: their own url may not be a restricted domain.
    for iid, inst in data.instruments.items():
        if inst.url:
            hit = _match(policy.read_via_only, inst.url)
            if hit:
                loc = data.locate("instrument", iid)
                report(
                    loc.path,
                    loc.line("url"),
                    f"{hit} may appear only as read_via of a source ({policy.read_via_only[hit]}); the instrument's url is"
                    " its official address",
                )
    return held


# --------------------------------------------------------------------------- measures

SourceKinds = tuple[str, ...]
"""Source kinds of an instrument, best first: official-act, official-copy, official-other, secondary."""

_KIND_ORDER = ("official-act", "official-copy", "official-statement", "secondary")


def instrument_kinds(data: RegistryData, policy_file: PublishersFile) -> dict[str, str]:
    """The best kind of source each instrument cites, by instrument id.

    ``official-act``: a primary source at an official publisher's address of the instrument's jurisdiction
    (or a primary source read from a copy, the instrument's own ``url`` being that official address);
    ``official-copy``: a primary source read from a copy (``copy_of``/``read_via``, or an official address of
    another jurisdiction); ``official-statement``: a secondary source on an official publisher's domain of the
    instrument's jurisdiction (a press release, a consolidated list); ``secondary``: anything else.
    """
    policy = _Policy.of(policy_file)
    out: dict[str, str] = {}
    for iid, inst in data.instruments.items():
        best = len(_KIND_ORDER) - 1
        url_official = policy.is_official(inst.url, inst.jurisdiction)
        for ref in inst.sources:
            src = data.sources.get(ref.source)
            if src is None:
                continue
            if src.kind == "primary":
                rank = 0 if url_official or policy.is_official(src.url, inst.jurisdiction) else 1
            elif policy.is_official(src.url, inst.jurisdiction):
                rank = 2
            else:
                rank = 3
            best = min(best, rank)
        out[iid] = _KIND_ORDER[best]
    return out


def official_share(data: RegistryData, policy_file: PublishersFile) -> dict[str, tuple[int, int]]:
    """Per jurisdiction: (instruments citing their official act at an official address, all instruments)."""
    kinds = instrument_kinds(data, policy_file)
    out: dict[str, list[int]] = {}
    for iid, inst in data.instruments.items():
        row = out.setdefault(inst.jurisdiction, [0, 0])
        row[1] += 1
        if kinds[iid] == "official-act":
            row[0] += 1
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}
