"""The JSON Schema files in registry/schema/ are generated from the models and kept in step."""

from __future__ import annotations

import json
from pathlib import Path

from schedlib.models import json_schemas

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "registry" / "schema"


def test_schema_files_match_models() -> None:
    schemas = json_schemas()
    on_disk = {p.stem for p in SCHEMA_DIR.glob("*.json")}
    assert on_disk == set(schemas), "run `schedlib schema` to regenerate registry/schema/"
    for kind, schema in schemas.items():
        stored = json.loads((SCHEMA_DIR / f"{kind}.json").read_text(encoding="utf-8"))
        assert stored == json.loads(json.dumps(schema)), f"registry/schema/{kind}.json is stale: run `schedlib schema`"


def test_schemas_forbid_unknown_keys() -> None:
    inst = json_schemas()["instrument"]
    assert inst["additionalProperties"] is False
