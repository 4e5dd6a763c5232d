"""Keeps the docstrings of ``leat/_native.pyi`` equal to the extension's own (written once, as
doc comments in ``bindings/python/src``), so ``help()`` and an editor reading the stub say the
same thing.

    python tools/stub_docs.py           # exit 1 and list what differs
    python tools/stub_docs.py --write   # copy the extension's docstrings into the stub

Every public class, function, method and property of ``leat._native`` must have a docstring
at runtime; the stub carries each of them, word for word.
"""

from __future__ import annotations

import ast
import inspect
import pathlib
import sys
from typing import Dict, List, Optional, Tuple

import leat._native as native

STUB = pathlib.Path(__file__).resolve().parents[1] / "leat" / "_native.pyi"


def runtime_docs() -> Dict[str, Optional[str]]:
    """Dotted name -> docstring, for every public member of the extension."""
    docs: Dict[str, Optional[str]] = {}
    for name in native.__all__:
        if name.startswith("_") or name == "__version__":
            continue
        obj = getattr(native, name)
        if not callable(obj):
            # A constant's __doc__ is its type's; the stub types it, which stubtest checks.
            continue
        docs[name] = inspect.cleandoc(obj.__doc__) if obj.__doc__ else None
        if inspect.isclass(obj):
            for attr, value in vars(obj).items():
                if attr.startswith("_") and attr != "__call__":
                    continue
                doc = getattr(value, "__doc__", None)
                if attr == "__call__" and doc == "Call self as a function.":
                    continue
                docs[f"{name}.{attr}"] = inspect.cleandoc(doc) if doc else None
    return docs


def stub_docs(tree: ast.Module) -> Dict[str, Tuple[Optional[str], ast.AST]]:
    found: Dict[str, Tuple[Optional[str], ast.AST]] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in getattr(node, "body", []):
            if isinstance(child, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{child.name}"
                found.setdefault(name, (ast.get_docstring(child), child))
                if isinstance(child, ast.ClassDef):
                    visit(child, f"{name}.")

    visit(tree, "")
    return found


def problems() -> List[str]:
    tree = ast.parse(STUB.read_text())
    in_stub = stub_docs(tree)
    found = []
    for name, doc in runtime_docs().items():
        if doc is None:
            found.append(f"{name}: no docstring at runtime (add a /// comment in bindings/python/src)")
        elif name not in in_stub:
            found.append(f"{name}: not in the stub")
        elif in_stub[name][0] != doc:
            found.append(f"{name}: the stub's docstring differs from the extension's")
    return found


def write() -> None:
    text = STUB.read_text()
    lines = text.splitlines(keepends=True)
    tree = ast.parse(text)
    edits = []
    for name, (current, node) in stub_docs(tree).items():
        wanted = runtime_docs().get(name)
        if wanted is None or current == wanted:
            continue
        assert isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        indent = " " * (node.col_offset + 4)
        body = wanted.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
        doc_lines = body.splitlines()
        literal = indent + '"""' + ("\n" + indent).join(doc_lines).replace(indent + "\n", "\n") + '"""\n'
        first = node.body[0]
        has_doc = (
            isinstance(first, ast.Expr)
            and isinstance(getattr(first, "value", None), ast.Constant)
            and isinstance(first.value.value, str)
        )
        if has_doc:
            edits.append((first.lineno - 1, first.end_lineno, literal))
        elif (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and first.value.value is Ellipsis
            and first.lineno == node.lineno
        ):
            # `def f(...) -> T: ...` on one line: the docstring replaces the `...`.
            line = lines[node.lineno - 1]
            head = line[: line.rstrip().rfind("...")].rstrip()
            edits.append((node.lineno - 1, node.lineno, head + "\n" + literal))
        else:
            edits.append((first.lineno - 1, first.lineno - 1, literal))
    for start, end, replacement in sorted(edits, reverse=True):
        lines[start:end] = [replacement]
    STUB.write_text("".join(lines))


if __name__ == "__main__":
    if "--write" in sys.argv:
        write()
    issues = problems()
    for issue in issues:
        print(issue)
    sys.exit(1 if issues else 0)
