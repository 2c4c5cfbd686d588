"""Pages generated from the registry for the documentation site."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from schedlib.registry import Registry
from schedlib.site import registry_pages

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


def test_one_page_per_record_with_stamp() -> None:
    reg = Registry.from_path(MINI)
    pages = registry_pages(reg, today=dt.date(2020, 1, 1), matrix_days=[dt.date(2012, 1, 1)])
    for sid in reg.substances:
        assert f"registry/substances/{sid}.md" in pages
    for key in (
        "registry/lists/aa.drugs.md",
        "registry/instruments/aa.2010-01-01.add-alpha.md",
        "registry/classes/aa.family-class.md",
        "registry/jurisdictions/AA.md",
        "registry/matrix.md",
        "registry/index.md",
    ):
        assert key in pages
    assert all(reg.digest in text for text in pages.values())
    alpha = pages["registry/substances/alpha.md"]
    assert "<svg" in alpha and "moved" in alpha and "aa.drugs → aa.drugs-2" in alpha
    assert "registry/substances/alpha.yaml" in alpha


def test_registry_text_is_escaped_in_pages(tmp_path: Path) -> None:
    root = tmp_path / "r"
    shutil.copytree(MINI, root)
    (root / "substances" / "alpha.yaml").write_text('id: alpha\nname: "<b>Alpha</b> | x"\nfamilies: [test-family]\n')
    pages = registry_pages(Registry.from_path(root), today=dt.date(2020, 1, 1))
    text = pages["registry/substances/alpha.md"]
    assert "<b>Alpha</b>" not in text and "&lt;b&gt;Alpha&lt;/b&gt; &#124; x" in text
