#!/usr/bin/env python3
"""`make crates-package`: a `.crate` for every publishable workspace crate, into OUT_DIR.

`cargo package` packs them in one invocation, so a crate whose dev-dependency is another
workspace crate resolves it from the packages being made rather than from the registry.
Verification (compiling each packed crate) is left to `cargo publish --dry-run` in
`make dist-check`.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

from workspace_crates import cargo, metadata, package_args, publishable_crates, target_directory


def main(out_dir: str) -> int:
    meta = metadata()
    crates = publishable_crates(meta)
    print("crates to package, in publish order: " + ", ".join(f"{c.name} {c.version}" for c in crates))
    subprocess.run([cargo(), "package", "--locked", "--no-verify", *package_args(crates)], check=True)
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for crate in crates:
        packed = pathlib.Path(target_directory(meta), "package", f"{crate.name}-{crate.version}.crate")
        if out.resolve() != packed.parent.resolve():
            shutil.copy2(packed, out / packed.name)
        print(f"{out / packed.name} ({packed.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: package_crates.py OUT_DIR")
    sys.exit(main(sys.argv[1]))
