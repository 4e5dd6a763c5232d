#!/usr/bin/env python3
"""`make node-pack`: the npm tarball of leat-sdk as it is published, into OUT_DIR.

The published package.json lists every platform package (`node/npm/<platform>`, named
`@leat-sdk/<platform>`) as an optional dependency locked to this version, so npm installs the
one addon the user's machine needs. The committed node/package.json cannot list them: they are
not on the registry until a release publishes them, and `npm ci` would then refuse the
lockfile (the napi-rs CLI's `pre-publish` adds them at publish time for the same reason). So
this copies the package's `files` into a staging directory, adds the optional dependencies and
the repository's LICENSE there, and runs `npm pack` on it. The release workflow publishes the
tarball it makes.
"""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
from typing import Any, Dict

ROOT = pathlib.Path(__file__).resolve().parent.parent
NODE = ROOT / "node"


def published_manifest(package: Dict[str, Any]) -> Dict[str, Any]:
    """node/package.json plus `optionalDependencies` on every platform package, version-locked."""
    optional: Dict[str, str] = {}
    for path in sorted((NODE / "npm").glob("*/package.json")):
        platform = json.loads(path.read_text())
        if platform["version"] != package["version"]:
            raise SystemExit(
                f"{path.relative_to(ROOT)} is version {platform['version']}, leat-sdk is {package['version']}: "
                "platform packages are published in lockstep with it"
            )
        optional[platform["name"]] = package["version"]
    if not optional:
        raise SystemExit("no platform package under node/npm/")
    manifest = dict(package)
    manifest["optionalDependencies"] = optional
    return manifest


def stage(out_dir: pathlib.Path) -> pathlib.Path:
    package = json.loads((NODE / "package.json").read_text())
    with tempfile.TemporaryDirectory(prefix="leat-sdk-npm-") as tmp:
        staging = pathlib.Path(tmp)
        for entry in package["files"]:
            source = NODE / entry.rstrip("/")
            if entry == "LICENSE":
                source = ROOT / "LICENSE"
            if source.is_dir():
                shutil.copytree(source, staging / entry.rstrip("/"))
            elif source.is_file():
                shutil.copy2(source, staging / entry)
            else:
                raise SystemExit(f"node/package.json lists {entry!r} in files, but {source} does not exist")
        (staging / "package.json").write_text(json.dumps(published_manifest(package), indent=2) + "\n")
        out_dir.mkdir(parents=True, exist_ok=True)
        name = (
            subprocess.run(
                ["npm", "pack", "--silent", "--pack-destination", str(out_dir.resolve())],
                cwd=staging,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
    tarball = out_dir / name
    print(f"{tarball} ({tarball.stat().st_size / 1024:.0f} KiB)")
    return tarball


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: stage_npm_package.py OUT_DIR")
    stage(pathlib.Path(sys.argv[1]))
