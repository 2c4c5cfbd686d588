"""The source policy (registry/publishers.yaml): address matching, pending files, the bundled registry's figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain import errors_of
from schedlib.loader import read_registry
from schedlib.provenance import host_of, instrument_kinds, official_share

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.FederalRegister.gov/d/2018-02319", "www.federalregister.gov"),
        ("http://www.emcdda.europa.eu./x", "www.emcdda.europa.eu"),
        ("m.kanguv.com/a", "m.kanguv.com"),
        ("not a url", "not a url"),
    ],
)
def test_host_of(url: str, host: str) -> None:
    assert host_of(url)[0] == host


def _source(root: Path, name: str, url: str, kind: str = "secondary", medium: str = "reprint") -> None:
    (root / "sources" / "aa" / f"{name}.yaml").write_text(
        f"id: aa.{name}\nkind: {kind}\nmedium: {medium}\nissuer: X\ntitle: A title\nurl: {url}\n", encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("url", "denied"),
    [
        ("https://spun.example/a", True),
        ("https://m.spun.example/a", True),
        ("https://notspun.example/a", False),  # a longer host is another site
        ("https://code.example/bot/x", True),
        ("https://code.example/bot", True),
        ("https://code.example/bots/x", False),  # the path prefix ends at a slash
        ("https://code.example/other/bot", False),
    ],
)
def test_never_domain_matching(mini: Path, url: str, denied: bool) -> None:
    _source(mini, "probe", url)
    errors = [e for e in errors_of(mini) if "is never cited" in e.message]
    assert bool(errors) is denied, [str(e) for e in errors]


def test_official_domain_covers_subdomains_only(mini: Path) -> None:
    _source(mini, "sub", "https://www.gazette.aa.example/1", kind="primary", medium="official-publication")
    _source(mini, "fake", "https://gazette.aa.example.evil.example/1", kind="primary", medium="official-publication")
    messages = [(e.path, e.message) for e in errors_of(mini)]
    assert not any(p == "sources/aa/sub.yaml" for p, _ in messages)
    assert any(p == "sources/aa/fake.yaml" and "primary source's url" in msg for p, msg in messages)


def test_read_via_only_domain_is_fine_as_read_via_of_an_official_address(mini: Path) -> None:
    (mini / "sources" / "aa" / "copy.yaml").write_text(
        "id: aa.copy\nkind: primary\nmedium: official-copy\nissuer: X\ntitle: A title\n"
        "url: https://gazette.aa.example/3\nread_via: https://share.example/3\n",
        encoding="utf-8",
    )
    (mini / "sources" / "aa" / "copy2.yaml").write_text(
        "id: aa.copy2\nkind: primary\nmedium: official-copy\nissuer: X\ntitle: A title\n"
        "copy_of: Gazette of A, no. 4\nread_via: https://share.example/4\n",
        encoding="utf-8",
    )
    assert errors_of(mini) == []


def test_pending_files_are_reported_not_failed(mini: Path) -> None:
    _source(mini, "spun", "https://spun.example/a")
    policy = mini / "publishers.yaml"
    policy.write_text(policy.read_text(encoding="utf-8") + "pending:\n  - sources/aa/spun.yaml\n", encoding="utf-8")
    data, errors = read_registry(mini)
    assert errors == []
    assert data is not None
    assert len(data.policy_pending) == 1
    assert data.policy_pending[0].startswith("sources/aa/spun.yaml:6: spun.example is never cited")


def test_without_publishers_file_no_policy_is_checked(mini: Path) -> None:
    (mini / "publishers.yaml").unlink()
    _source(mini, "spun", "https://spun.example/a")
    data, errors = read_registry(mini)
    assert errors == [] and data is not None and data.publishers is None


def test_official_share_of_the_mini_registry(mini: Path) -> None:
    data, _ = read_registry(mini)
    assert data is not None and data.publishers is not None
    kinds = instrument_kinds(data, data.publishers)
    assert set(kinds.values()) == {"official-act"}
    share = official_share(data, data.publishers)
    assert share["AA"] == (len(kinds), len(kinds))


def test_bundled_registry_has_a_policy() -> None:
    data, errors = read_registry(ROOT / "registry")
    assert errors == []
    assert data is not None and data.publishers is not None
    jurisdictions = {p.jurisdiction for p in data.publishers.publishers}
    assert jurisdictions == set(data.jurisdictions)
    never = {d.domain for d in data.publishers.never}
    assert {"kanguv.com", "wordscope.be", "everything.explained.today", "github.com/ai-village-agents"} <= never
    assert data.publishers.pending == () and data.policy_pending == [], "the bundled registry tolerates no violation"


def test_docs_page_tables_are_computed_from_the_registry() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("provenance_facts", ROOT / "docs" / "hooks" / "provenance_facts.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    data, pf = hook._data()
    table = hook._kinds(data, pf)
    share = official_share(data, pf)
    for j, (official, total) in share.items():
        assert f"| {j} | {total} | {official} |" in table
    page = hook.on_page_markdown("{{ provenance.secondary }}", None, None, None)
    assert "{{" not in page and "### CN:" in page


def test_validate_command_fails_on_a_denied_source_in_the_real_registry(tmp_path: Path) -> None:
    import shutil

    from schedlib.cli import main

    root = tmp_path / "registry"
    shutil.copytree(ROOT / "registry", root)
    bad = root / "sources" / "cn" / "reprint.spun.yaml"
    bad.write_text(
        "id: cn.reprint.spun\nkind: secondary\nmedium: reprint\nissuer: A reprint site\ntitle: A reprint\n"
        "url: http://m.kanguv.com/jkgl/1.html\n",
        encoding="utf-8",
    )
    import io

    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(root)], out=out, err=err) == 1
    assert "sources/cn/reprint.spun.yaml:6: kanguv.com is never cited" in err.getvalue()
    bad.unlink()
    assert main(["validate", str(root)], out=io.StringIO(), err=io.StringIO()) == 0
