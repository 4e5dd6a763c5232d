#!/usr/bin/env python3
"""Fails when a workspace crate's `rust-version` is lower than a locked dependency needs.

`rust-version` tells users the oldest Rust that builds a crate; a dependency that declares a
higher one makes that claim false. This reads `cargo metadata --locked` (every platform's
dependencies, as a user on any of them would build) and, for each workspace member, walks its
normal and build dependencies (not dev-dependencies: users do not build those) and compares the
highest `rust-version` found with the member's own. Run by `make test`.
"""

from __future__ import annotations

import sys
from typing import Any, Dict, List, Optional, Set, Tuple

from workspace_crates import metadata

Version = Tuple[int, ...]


def parse(version: str) -> Version:
    parts = tuple(int(p) for p in version.split("."))
    return parts + (0,) * (3 - len(parts))


def shipped_dependencies(node: Dict[str, Any]) -> List[str]:
    """Ids of the normal and build dependencies of one resolve node."""
    return [
        dep["pkg"]
        for dep in node["deps"]
        if any(kind["kind"] in (None, "build") for kind in dep["dep_kinds"])
    ]


def highest_requirement(
    member: str, nodes: Dict[str, Dict[str, Any]], packages: Dict[str, Dict[str, Any]]
) -> Optional[Tuple[Version, str]]:
    """The highest `rust-version` among `member`'s dependency closure, with who declares it."""
    seen: Set[str] = set()
    todo = shipped_dependencies(nodes[member])
    best: Optional[Tuple[Version, str]] = None
    while todo:
        pkg = todo.pop()
        if pkg in seen:
            continue
        seen.add(pkg)
        package = packages[pkg]
        if package.get("rust_version"):
            found = (parse(package["rust_version"]), f"{package['name']} {package['version']}")
            if best is None or found[0] > best[0]:
                best = found
        todo.extend(shipped_dependencies(nodes[pkg]))
    return best


def show(version: Version) -> str:
    return ".".join(str(p) for p in (version[:2] if version[2] == 0 else version))


def main() -> int:
    meta = metadata(deps=True)
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    failures = 0
    for member in sorted(meta["workspace_members"], key=lambda m: packages[m]["name"]):
        package = packages[member]
        published = package["publish"] != []
        label = f"{package['name']}{'' if published else ' (not published)'}"
        declared = package.get("rust_version")
        needed = highest_requirement(member, nodes, packages)
        if needed is None:
            print(f"rust-version: {label}: no dependency declares a rust-version")
            continue
        if declared is None:
            print(f"rust-version: {label} declares none, but {needed[1]} needs {show(needed[0])}")
            failures += 1
        elif parse(declared) < needed[0]:
            print(
                f"rust-version: {label} declares {declared}, but its dependency {needed[1]} "
                f"needs {show(needed[0])}: raise rust-version to {show(needed[0])}"
            )
            failures += 1
        else:
            print(
                f"rust-version: {label} declares {declared}; the highest its dependencies "
                f"need is {show(needed[0])} ({needed[1]})"
            )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
