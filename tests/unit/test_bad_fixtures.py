"""One bad file per failure mode: each must be reported at its FILE:LINE with its message.

Each fixture in ``tests/fixtures/bad/`` starts with three comment lines naming
where it goes in a copy of the valid ``mini`` registry, the line the error must
point at, and a part of the message.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from domain import errors_of
from schedlib.errors import RegistryValidationError
from schedlib.registry import Registry

FIXTURES = Path(__file__).parent.parent / "fixtures"
BAD = sorted((FIXTURES / "bad").glob("*.yaml"))




def test_mini_registry_is_valid(mini: Path) -> None:
    assert errors_of(mini) == []


def _header(text: str) -> tuple[str, int, str]:
    target = re.search(r"^# target: (.+)$", text, re.M)
    line = re.search(r"^# line: (\d+)$", text, re.M)
    expect = re.search(r"^# expect: (.+)$", text, re.M)
    assert target and line and expect
    return target.group(1).strip(), int(line.group(1)), expect.group(1).strip()


@pytest.mark.parametrize("fixture", BAD, ids=[p.stem for p in BAD])
def test_bad_fixture_reported_at_file_and_line(fixture: Path, mini: Path) -> None:
    text = fixture.read_text(encoding="utf-8")
    target, line, expect = _header(text)
    dest = mini / target
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    errors = errors_of(mini)
    assert errors, f"{fixture.name}: no error reported"
    matching = [e for e in errors if expect in e.message and e.path == target]
    assert matching, f"{fixture.name}: no error in {target} says {expect!r}; got {[str(e) for e in errors]}"
    err = matching[0]
    assert err.line == line, f"{fixture.name}: reported at line {err.line}, expected {line}: {err}"
    assert str(err).startswith(f"{target}:{line}: ")


@pytest.mark.parametrize(
    ("name", "content", "expect"),
    [
        ("empty", b"", "file is empty"),
        ("blank", b"  \n\n", "file is empty"),
        ("latin1", "id: caf\xe9\n".encode("latin-1"), "file is not UTF-8"),
        ("nul", b"id: a\x00b\n", "NUL byte"),
        ("list_top", b"- a\n- b\n", "expected a mapping"),
    ],
)
def test_bad_bytes(name: str, content: bytes, expect: str, mini: Path) -> None:
    (mini / "substances" / f"{name}.yaml").write_bytes(content)
    errors = errors_of(mini)
    assert any(expect in e.message and e.path == f"substances/{name}.yaml" for e in errors), [str(e) for e in errors]


def test_every_error_is_reported_in_one_run(mini: Path) -> None:
    for fixture in ("unknown_field", "bad_cas", "lineage_cycle"):
        text = (FIXTURES / "bad" / f"{fixture}.yaml").read_text(encoding="utf-8")
        target, _, _ = _header(text)
        (mini / target).write_text(text, encoding="utf-8")
    (mini / "substances" / "empty.yaml").write_bytes(b"")
    with pytest.raises(RegistryValidationError) as info:
        Registry.from_path(mini)
    paths = {e.path for e in info.value.errors}
    assert {"instruments/aa/2020-01-01.bad.yaml", "substances/epsilon.yaml", "lists/bb.yaml", "substances/empty.yaml"} <= paths
    assert info.value.path and info.value.line


def test_yml_extension_and_stray_files_are_errors(mini: Path) -> None:
    (mini / "substances" / "x.yml").write_text("id: x\nname: X\n")
    (mini / "notes.txt").write_text("hello")
    messages = [str(e) for e in errors_of(mini)]
    assert any("substances/x.yml:1: registry files end in .yaml" in m for m in messages)
    assert any(m.startswith("notes.txt:1: not a registry file") for m in messages)


def test_bom_and_crlf_are_accepted(mini: Path) -> None:
    p = mini / "substances" / "alpha.yaml"
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes().replace(b"\n", b"\r\n"))
    assert errors_of(mini) == []


def test_unknown_expiry_must_be_followed(mini: Path) -> None:
    p = mini / "instruments" / "aa" / "2013-06-01.extend-gamma.yaml"
    p.write_text(p.read_text().replace("expires: 2015-01-01", "expires: unknown"))
    messages = [e.message for e in errors_of(mini)]
    assert any("has an unknown expiry" in m for m in messages), messages
