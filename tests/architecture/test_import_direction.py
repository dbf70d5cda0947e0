"""The apps depend on each other in one direction:

    jobs machinery ← cadre ← planning ← reports ← documents ← job pages ← api

Every `import` of the code (including those inside functions) is read from the source and its target
placed in a layer; a module may import its own layer and those below it. The background-job machinery
(jobs.state, runner, kinds, tasks) is used by every app; the job pages (jobs.views, jobs.urls) and the API
stand on top. Exceptions are named below with their reason.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["jobs", "cadre", "planning", "reports", "documents", "job_pages", "api"]
APPS = ["jobs", "cadre", "planning", "reports", "documents", "api"]
JOB_PAGES = ("jobs.views", "jobs.urls")
# (module path prefix, imported module prefix): allowed although it looks upward, and why.
EXCEPTIONS = {
    ("cadre/demo/", "planning"),  # the demo data includes plans, loaded through planning.services
    ("jobs/runner.py", "cadre.audit"),  # a job's writes are attributed to the user who started it
}


def layer_of_module(name: str) -> str | None:
    if name in JOB_PAGES or name.startswith(tuple(f"{page}." for page in JOB_PAGES)):
        return "job_pages"
    top = name.split(".")[0]
    return top if top in LAYERS else None


def layer_of_file(relative: str) -> str:
    module = relative.removesuffix(".py").replace("/", ".")
    return layer_of_module(module)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def source_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" in relative:
            continue  # historical states name the apps of their time
        yield relative, path


def upward_imports(app: str) -> dict[str, list[str]]:
    upward = {}
    for relative, path in source_files(app):
        own = LAYERS.index(layer_of_file(relative))
        wrong = sorted(
            name for name in imported_modules(path)
            if (layer := layer_of_module(name)) is not None and LAYERS.index(layer) > own
            and not any(relative.startswith(where) and name.startswith(what) for where, what in EXCEPTIONS)
        )
        if wrong:
            upward[relative] = wrong
    return upward


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_its_layer_and_those_below(app):
    assert upward_imports(app) == {}


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The check itself: a cadre module importing reports is reported."""
    module = tmp_path / "cadre" / "example.py"
    module.parent.mkdir()
    module.write_text("def f():\n    from reports.services import report_build\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert upward_imports("cadre") == {"cadre/example.py": ["reports.services"]}
