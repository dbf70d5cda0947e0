"""The apps depend on each other in one direction: cadre ← planning ← reports ← documents ← jobs ← api.

Every `import` in an app's code (including those inside functions) is read from
the source, so an upward arrow fails here before it becomes a cycle. The demo
data generator is the one exception: it fills every app (plans included), so it
may import planning; it is never imported by the rest of cadre.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["cadre", "planning", "reports", "documents", "jobs", "api"]
# Modules allowed to look upward, and why.
EXCEPTIONS = {
    "cadre/demo": {"planning"},  # the demo data includes plans, loaded through planning.services
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name.split(".")[0] for name in names}


def source_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" in relative:
            continue  # historical states name the apps of their time
        yield relative, path


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_the_apps_below_it(app):
    above = set(LAYERS[LAYERS.index(app) + 1:])
    upward = {}
    for relative, path in source_files(app):
        allowed = next((apps for prefix, apps in EXCEPTIONS.items() if relative.startswith(prefix + "/")), set())
        wrong = (imported_apps(path) & above) - allowed
        if wrong:
            upward[relative] = sorted(wrong)
    assert upward == {}


def test_the_demo_generator_is_not_imported_by_the_rest_of_cadre():
    importers = [
        relative for relative, path in source_files("cadre")
        if not relative.startswith(("cadre/demo/", "cadre/management/"))
        and any(name == "cadre.demo" or name.startswith("cadre.demo.") for name in _modules(path))
    ]
    assert importers == []


def _modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found
