"""The size rules of docs/architecture.md ("Apps"), checked over the whole repository.

No module over 500 lines (migrations and the demo's content modules excepted) and no function
over 60 lines: a module or function that grows past them is split into named parts. Which app
may import which is checked by `lint-imports` in the test command.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
# The demo's content: dictionaries of texts, hours and items rather than code.
CONTENT_MODULES = {
    "demo/catalogue.py",
    "demo/initiatives.py",
    "demo/inventory.py",
    "demo/members.py",
    "demo/pages.py",
}
SKIPPED_FOLDERS = {".venv", "node_modules", "media", "static", "migrations", ".git"}


def python_files():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if not SKIPPED_FOLDERS.intersection(relative.parts):
            yield relative.as_posix(), path.read_text(encoding="utf-8")


def test_no_module_is_longer_than_500_lines():
    too_long = [
        f"{name}: {text.count(chr(10))} lines"
        for name, text in python_files()
        if name not in CONTENT_MODULES and text.count("\n") > MAX_MODULE_LINES
    ]
    assert too_long == []


def test_no_function_is_longer_than_60_lines():
    too_long = []
    for name, text in python_files():
        for node in ast.walk(ast.parse(text, filename=name)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    too_long.append(f"{name}:{node.lineno} {node.name}(): {lines} lines")
    assert too_long == []
