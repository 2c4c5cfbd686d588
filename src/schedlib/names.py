"""Names as people write them: the name table, salts and hydrates, jurisdiction names.

The name table maps a normalised key (:func:`normalize_name`: case, spaces, hyphens, invisible
characters and traditional Chinese characters do not matter) to the substances that carry that
name or identifier. A name that is not in the table may still be a salt or a hydrate of a
substance that is (``fentanyl citrate``, ``cocaine hydrochloride``, ``盐酸吗啡``,
``clorhidrato de cocaína``): control lists name the base and control its salts with it, so
:func:`resolve` answers for the base and says so. A salt name is never matched loosely to
another substance.

The words for salts and hydrates below are chemical nomenclature, not law: which list covers
salts, and in which words, is in each list's own note.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import index as ix
    from . import models as m

__all__ = ["Resolved", "jurisdiction_table", "name_table", "normalize_name", "salt_base"]

# Characters ignored when matching names: whitespace (exactly the characters for which str.isspace()
# is true, as the regular expression \s matches; a test checks every code point), hyphens and dashes,
# underscore, middle dot, comma, brackets, quotes and primes; and the invisible characters that text copied
# from web pages and spreadsheets carries (zero-width space, joiners, word joiner, byte-order mark, soft hyphen).
_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SQUEEZE = "-\u2010\u2011\u2012\u2013\u2014\u2015_·,()[]'\u2019\u2032"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\xad"
_DROP = dict.fromkeys(map(ord, _WHITESPACE + _SQUEEZE + _INVISIBLE))
_HANS: dict[int, str] | None = None  # traditional -> simplified Chinese, read from _hans on the first CJK name


def normalize_name(text: str) -> str:
    """The key names are matched on: NFKC, case-folded, without spaces, hyphens, commas, brackets, quotes,
    invisible characters and accents, Chinese in simplified characters (羥考酮 and 羟考酮 are one key)."""
    if text.isascii():
        return text.lower().translate(_DROP)
    import unicodedata

    key = unicodedata.normalize("NFKC", text).casefold().translate(_DROP)
    if not key.isascii():  # accents do not matter either: acétone, anhidrido propionico, cocaína
        key = "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
        key = unicodedata.normalize("NFC", key)
    if any(c >= "\u3400" for c in key):  # CJK and later planes: fold traditional to simplified
        global _HANS
        if _HANS is None:
            from ._hans import PAIRS

            _HANS = {ord(PAIRS[i]): PAIRS[i + 1] for i in range(0, len(PAIRS), 2)}
        key = key.translate(_HANS)
    return key



# Counter-ions and hydrate words, written after the base in English (fentanyl citrate) ...
_SALT_SUFFIXES = (
    "hydrochloride",
    "dihydrochloride",
    "monohydrochloride",
    "hcl",
    "2hcl",
    "citrate",
    "dihydrogen citrate",
    "sulfate",
    "sulphate",
    "hemisulfate",
    "bisulfate",
    "hydrobromide",
    "hbr",
    "hydroiodide",
    "tartrate",
    "bitartrate",
    "hydrogen tartrate",
    "phosphate",
    "diphosphate",
    "maleate",
    "fumarate",
    "hemifumarate",
    "mesylate",
    "methanesulfonate",
    "besylate",
    "tosylate",
    "nitrate",
    "oxalate",
    "succinate",
    "lactate",
    "malate",
    "salicylate",
    "pamoate",
    "napsylate",
    "camsylate",
    "salt",
    "free base",
    "base",
)
_HYDRATES = ("monohydrate", "dihydrate", "trihydrate", "tetrahydrate", "pentahydrate", "hemihydrate", "sesquihydrate", "hydrate", "anhydrous")
# ... before the base in Chinese (盐酸吗啡) and Spanish (clorhidrato de cocaína), or after it (芬太尼盐酸盐).
_ZH_PREFIXES = ("盐酸", "鹽酸", "枸橼酸", "柠檬酸", "硫酸", "磷酸", "重酒石酸", "酒石酸", "氢溴酸", "马来酸", "富马酸", "甲磺酸", "草酸")
_ZH_SUFFIXES = ("盐酸盐", "硫酸盐", "磷酸盐", "枸橼酸盐", "柠檬酸盐", "酒石酸盐", "氢溴酸盐", "一水合物", "二水合物", "水合物", "盐")
_ES_PREFIXES = (
    "clorhidrato de",
    "diclorhidrato de",
    "citrato de",
    "sulfato de",
    "fosfato de",
    "tartrato de",
    "bitartrato de",
    "bromhidrato de",
    "maleato de",
    "fumarato de",
    "mesilato de",
)


@dataclass(frozen=True, slots=True)
class Resolved:
    """How a name was understood: the substance answered for and, for a salt or hydrate, the form named.

    ``form`` is None when the name (or identifier) is the substance's own; else the words that
    were read as a salt or hydrate (``"citrate"``, ``"盐酸"``, ``"hydrochloride (CAS RN)"``).
    """

    query: str
    substance: ix.Substance
    form: str | None = None

    @property
    def note(self) -> str | None:
        """One sentence for the reader, or None when the name is the substance's own."""
        if self.form is None:
            return None
        if self.form.startswith("CAS RN"):
            return f"{_short(self.query)}: answered as {self.substance.name} by its {self.form}"
        return (
            f"{_short(self.query)}: answered as {self.substance.name} (read as its {self.form}; "
            "control lists name the base and cover its salts with it, in each list's own words)"
        )

    def to_dict(self) -> dict[str, object]:
        return {"query": _short(self.query), "substance": self.substance.id, "form": self.form, "note": self.note}


def _short(text: str, limit: int = 120) -> str:
    """A name as it may be echoed back: at most ``limit`` characters (a 100 KB name is not printed in full)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def name_table(substances: Mapping[str, m.Substance], instruments: Mapping[str, m.Instrument] | None = None) -> dict[str, set[str]]:
    """Normalised name or identifier -> substance ids (kept in the cache: normalising is the slow part).

    With ``instruments``, the names the instruments list their substances under (``name_as_listed``:
    ``PHENYLACETONE (P2P)``, ``Anhídrido Propiónico``) are names too, the instrument being their
    source, where they name one substance only and no substance has that name already.
    Salt CAS numbers (``identifiers.salt_cas``) are not in it: :func:`salt_base` finds them, so that
    an answer can say it was given for the base.
    """
    names: dict[str, set[str]] = {}
    for sid, sub in substances.items():
        keys = {sid, sub.name, *(s.name for s in sub.synonyms), *sub.identifiers.cas}
        ident = sub.identifiers
        keys.update(x for x in (ident.inchikey, ident.unii, ident.dea_code) if x)
        for k in keys:
            names.setdefault(normalize_name(k), set()).add(sid)
    listed: dict[str, set[str]] = {}
    for inst in (instruments or {}).values():
        for action in inst.actions:
            for entry in getattr(action, "substances", ()):
                text = getattr(entry, "name_as_listed", None)
                if text and entry.substance in substances:
                    listed.setdefault(normalize_name(text), set()).add(entry.substance)
    for key, sids in listed.items():
        if key and key not in names and len(sids) == 1:
            names[key] = sids
    return names


def salt_cas_table(substances: Mapping[str, m.Substance]) -> dict[str, str]:
    """CAS RN of a salt -> id of its base, as the substances' ``identifiers.salt_cas`` give them."""
    return {cas: sid for sid, sub in substances.items() for cas in sub.identifiers.salt_cas}


def _candidates(text: str) -> Iterable[tuple[str, str]]:
    """(base as written, form) for every way ``text`` reads as a salt or hydrate of something."""
    words = " ".join(text.replace(",", " ").split())
    low = words.casefold()
    hydrate = ""
    for h in _HYDRATES:  # a hydrate word comes last: "morphine sulfate pentahydrate"
        if low.endswith(" " + h):
            hydrate = h
            low = low[: -len(h) - 1].rstrip()
            words = words[: len(low)]
            break
    if hydrate:
        yield words, hydrate
    for s in _SALT_SUFFIXES:
        if low.endswith(" " + s) and len(low) > len(s) + 1:
            yield words[: len(low) - len(s) - 1].strip(), " ".join(x for x in (s, hydrate) if x)
    for p in _ES_PREFIXES:
        if low.startswith(p + " ") and len(low) > len(p) + 1:
            yield words[len(p) + 1 :].strip(), p.split()[0]
    compact = "".join(text.split())
    for p in _ZH_PREFIXES:
        if compact.startswith(p) and len(compact) > len(p) + 1:
            yield compact[len(p) :], p
    for s in _ZH_SUFFIXES:
        if compact.endswith(s) and len(compact) > len(s) + 1:
            yield compact[: -len(s)], s


def salt_base(text: str, names: Mapping[str, set[str]], salt_cas: Mapping[str, str]) -> tuple[str, str] | None:
    """(substance id, form) when ``text`` names a salt or hydrate of exactly one known substance, else None."""
    cas = text.strip()
    if cas in salt_cas:
        return salt_cas[cas], "salt (by the salt's CAS RN)"
    for base, form in _candidates(text):
        hits = names.get(normalize_name(base))
        if hits is not None and len(hits) == 1:
            return next(iter(hits)), form
    return None


def jurisdiction_table(jurisdictions: Mapping[str, m.Jurisdiction]) -> dict[str, str]:
    """Every way the registry writes a jurisdiction (code, name, local name, other names) -> its code."""
    table: dict[str, str] = {}
    for code, j in jurisdictions.items():
        for text in (code, j.name, j.name_local, *j.names):
            if text:
                table[normalize_name(text)] = code
    return table
