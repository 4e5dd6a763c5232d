"""The workspace crates that go to the crate registry, read from `cargo metadata`.

Every member whose `publish` is not `false` counts, in the order they must be published (a
crate after every workspace crate it depends on, dev-dependencies included, since the registry
must already know a dev-dependency's version). Used by `package_crates.py` (make dist) and
`dist_check.py` (cargo publish --dry-run), so a crate added to the workspace is picked up by
both without a list to update.
"""

from __future__ import annotations

import json
import os
import subprocess
from typing import Any, Dict, List, NamedTuple, Set


class Crate(NamedTuple):
    """A publishable workspace crate."""

    name: str
    version: str


def cargo() -> str:
    return os.environ.get("CARGO", "cargo")


def metadata(deps: bool = False) -> Dict[str, Any]:
    """`cargo metadata --locked` of the workspace; with `deps`, the resolved dependency graph too."""
    flags = [] if deps else ["--no-deps"]
    out = subprocess.run(
        [cargo(), "metadata", "--locked", *flags, "--format-version", "1"],
        check=True,
        stdout=subprocess.PIPE,
    ).stdout
    parsed: Dict[str, Any] = json.loads(out)
    return parsed


def publishable_crates(meta: Dict[str, Any]) -> List[Crate]:
    """Publishable members, each after the workspace crates it depends on."""
    members = {p["name"]: p for p in meta["packages"] if p["id"] in meta["workspace_members"]}
    publishable = {name for name, p in members.items() if p["publish"] != []}
    ordered: List[Crate] = []
    placed: Set[str] = set()

    def place(name: str, path: List[str]) -> None:
        if name in placed:
            return
        if name in path:
            raise SystemExit(
                f"workspace crates depend on each other in a cycle: {' -> '.join(path + [name])}"
            )
        for dep in members[name]["dependencies"]:
            if dep["name"] in publishable and dep.get("path"):
                place(dep["name"], path + [name])
        placed.add(name)
        ordered.append(Crate(name, members[name]["version"]))

    for name in sorted(publishable):
        place(name, [])
    return ordered


def package_args(crates: List[Crate]) -> List[str]:
    """`-p NAME` for each crate, for cargo package / cargo publish."""
    args: List[str] = []
    for crate in crates:
        args += ["-p", crate.name]
    return args


def target_directory(meta: Dict[str, Any]) -> str:
    return str(meta["target_directory"])
