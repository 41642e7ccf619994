"""The floors of the house (docs/architecture.md): no import runs from a lower floor to a higher one.

Every `import` of a yusuan module in src/ is read, those inside functions too (type-only imports
under `if TYPE_CHECKING:` run nothing and are left out). A module may import its own floor and the
floors below it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

# Floor of each top-level room of the package, bottom first (docs/architecture.md draws them).
FLOORS: dict[str, int] = {
    "errors": 0,
    "files": 0,
    "version": 0,
    "model": 0,
    "text": 0,
    "reference": 0,
    "data": 0,
    "parse": 1,
    "ledger": 1,
    "export": 1,
    "views": 2,
    "checks": 2,
    "render": 3,
    "store": 3,
    "web": 5,  # the web page: over the front doors, beside the command line
    "": 4,  # the front door: yusuan/__init__.py
    "api": 4,
    "db": 4,  # yusuan.db: the store's front door
    "cli": 5,
}


def room(module: str) -> str:
    """The top-level room of a module: "yusuan.parse.ocr.layout" → "parse", "yusuan" → ""."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[str, int]]:
    """(imported yusuan module, line) for every import in the file, relative ones resolved."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
        for inner in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
    return [(target, line) for target, line in found if target == "yusuan" or target.startswith("yusuan.")]


def wrong_way(source: str, target: str) -> str | None:
    """Why an import from module `source` of module `target` runs the wrong way, or None."""
    a, b = room(source), room(target)
    if a not in FLOORS or b not in FLOORS:
        return f"{a or b} is on no floor: give it one in tests/test_floors.py and docs/architecture.md"
    if FLOORS[b] > FLOORS[a]:
        return f"up from floor {FLOORS[a]} ({a or 'yusuan'}) to floor {FLOORS[b]} ({b or 'yusuan'})"
    return None


def test_no_import_runs_up_a_floor() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        source = module_name(path)
        for target, line in imports(path):
            if why := wrong_way(source, target):
                wrong.append(f"{path.relative_to(SRC)}:{line} imports {target}: {why}")
    assert wrong == []


def test_every_room_of_the_package_has_a_floor() -> None:
    top = list((SRC / "yusuan").iterdir())
    rooms = {p.stem for p in top if p.suffix == ".py" and p.name != "__init__.py"}
    rooms |= {p.name for p in top if (p / "__init__.py").exists()}
    assert "parse" in rooms and "text" in rooms
    assert sorted(rooms - set(FLOORS)) == []


@pytest.mark.parametrize(
    ("source", "target", "verdict"),
    [
        ("yusuan.parse.ocr.suspects", "yusuan.checks", "up"),  # a reader running the checker
        ("yusuan.checks.text", "yusuan.parse.numbers", None),  # a rule using a reader's helper: down
        ("yusuan.views.parts", "yusuan.render.package", "up"),
        ("yusuan.views.parts", "yusuan.checks.registry", None),  # the same floor
        ("yusuan.render.pdf", "yusuan.cli", "up"),
        ("yusuan.text", "yusuan.model", None),  # the ground floor's rooms use each other
        ("yusuan.cli", "yusuan", None),
        ("yusuan.api", "yusuan.render", None),
        ("yusuan.store.schema", "yusuan", "up"),  # the front door is above the store
        ("yusuan.store.schema", "yusuan.version", None),
        ("yusuan.attic.old", "yusuan.model", "no floor"),
    ],
)
def test_the_rule_itself(source: str, target: str, verdict: str | None) -> None:
    why = wrong_way(source, target)
    assert (why is None) if verdict is None else (why is not None and verdict in why)
