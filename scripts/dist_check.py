#!/usr/bin/env python3
"""`make dist-check`: prove the artifacts in dist/ work as a user would get them.

Nothing from the work tree is on the path: every install goes into a fresh virtualenv or an
empty npm project in a temporary directory, the examples are copied there, and the
environment loses LEAT_API_KEY (so the quickstarts start their own mock server), PYTHONPATH,
NODE_PATH, VIRTUAL_ENV, cargo's target settings and any PATH entry inside the repository.

It checks: the artifacts and what they carry; the wheel's tag (auditwheel show); the highest
GLIBC symbol version the `.so` and the `.node` need; sizes; the wheel in a fresh venv of every
CPython 3.9-3.13 found (pyenv's); the sdist compiled in a fresh venv; the npm tarballs in an
empty project under Node, Bun and Deno (from the npm registry); `cargo publish --dry-run` for
every publishable crate; the release workflow lint (actionlint). One line per check; exits 1
when any failed, after printing what each failure said.
"""

from __future__ import annotations

import functools
import glob
import hashlib
import hmac
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from workspace_crates import cargo, metadata, package_args, publishable_crates  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
MAX_GLIBC = (2, 17)
MIB = 1024 * 1024
# Issue 21's budgets with every operation of the API in: what users download, and what lands
# on their disk.
MAX_PACKAGE_BYTES = 5 * MIB
MAX_BINARY_BYTES = 10 * MIB
PYTHON_MINORS = ("3.9", "3.10", "3.11", "3.12", "3.13")
# The JavaScript runtimes checked besides Node, installed from the npm registry.
BUN_VERSION = "1.4.5"
DENO_VERSION = "2.9.6"
NODE_PLATFORM = "linux-x64-gnu"


class CheckFailed(Exception):
    """A check's own failure, with what the user would need to see."""


class Report:
    """Runs checks, prints one line each, remembers failures."""

    def __init__(self) -> None:
        self.failures: List[Tuple[str, str]] = []
        self.passed = 0

    def check(self, name: str, body: Callable[[], str]) -> bool:
        started = time.monotonic()
        try:
            detail = body()
        except (CheckFailed, subprocess.CalledProcessError, OSError, AssertionError) as error:
            took = time.monotonic() - started
            message = describe_failure(error)
            print(f"FAIL  {name} ({took:.0f} s): {message.splitlines()[0] if message else ''}", flush=True)
            self.failures.append((name, message))
            return False
        took = time.monotonic() - started
        print(f"ok    {name} ({took:.0f} s): {detail}", flush=True)
        self.passed += 1
        return True


def describe_failure(error: BaseException) -> str:
    if isinstance(error, subprocess.CalledProcessError):
        output = (error.stdout or "") + (error.stderr or "")
        tail = "\n".join(output.strip().splitlines()[-40:])
        return f"`{' '.join(map(str, error.cmd))}` exited {error.returncode}\n{tail}"
    return str(error) or type(error).__name__


def user_env(extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """This environment as a user's would be: no project settings, nothing of the work tree."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "LEAT_API_KEY",
            "LEAT_BASE_URL",
            "PYTHONPATH",
            "PYTHONHOME",
            "VIRTUAL_ENV",
            "NODE_PATH",
            "CARGO_BUILD_TARGET",
            "CARGO_TARGET_DIR",
            "MAKEFLAGS",
            "MFLAGS",
            "MAKELEVEL",
        }
    }
    root = str(ROOT)
    env["PATH"] = os.pathsep.join(
        entry for entry in env.get("PATH", "").split(os.pathsep) if entry and not entry.startswith(root)
    )
    env.update(extra or {})
    return env


def run(cmd: Sequence[object], cwd: pathlib.Path, env: Optional[Dict[str, str]] = None) -> str:
    done = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env if env is not None else user_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return done.stdout + done.stderr


def mib(size: int) -> str:
    return f"{size / (1024 * 1024):.2f} MiB"


def one(dist: pathlib.Path, pattern: str) -> pathlib.Path:
    found = sorted(dist.glob(pattern))
    if len(found) != 1:
        raise CheckFailed(f"expected one {pattern} in {dist}, found {[f.name for f in found] or 'none'}")
    return found[0]


def glibc_ceiling(binary: pathlib.Path) -> Tuple[int, ...]:
    if shutil.which("objdump") is None:
        raise CheckFailed("objdump is missing (Debian package binutils)")
    symbols = run(["objdump", "-T", binary.resolve()], cwd=ROOT)
    versions = {tuple(int(p) for p in v.split(".")) for v in re.findall(r"GLIBC_([0-9.]+[0-9])", symbols)}
    if not versions:
        raise CheckFailed(f"{binary.name} names no GLIBC symbol version: is it a glibc build?")
    return max(versions)


def show_version(version: Tuple[int, ...]) -> str:
    return "GLIBC_" + ".".join(map(str, version))


class Artifacts:
    """dist/'s files, unpacked once into a scratch directory."""

    def __init__(self, dist: pathlib.Path, scratch: pathlib.Path) -> None:
        self.dist = dist
        self.scratch = scratch
        self.wheel = one(dist, "leat_sdk-*-cp39-abi3-*.whl")
        self.sdist = one(dist, "leat_sdk-*.tar.gz")
        self.npm_main = one(dist, "leat-sdk-[0-9]*.tgz")
        self.npm_platform = one(dist, f"leat-sdk-{NODE_PLATFORM}-*.tgz")
        self.crates = publishable_crates(metadata())
        self.crate_files = [one(dist, f"{c.name}-{c.version}.crate") for c in self.crates]
        self.so = self._extract_so()
        self.node = self._extract_node()

    def _extract_so(self) -> pathlib.Path:
        with zipfile.ZipFile(self.wheel) as wheel:
            names = [n for n in wheel.namelist() if re.fullmatch(r"leat/_native[^/]*\.so", n)]
            if len(names) != 1:
                raise CheckFailed(f"{self.wheel.name} should hold one leat/_native*.so, holds {names}")
            return pathlib.Path(wheel.extract(names[0], self.scratch / "wheel"))

    def _extract_node(self) -> pathlib.Path:
        with tarfile.open(self.npm_platform) as tgz:
            name = f"package/leat-sdk.{NODE_PLATFORM}.node"
            tgz.extract(name, self.scratch / "npm-platform")
        return self.scratch / "npm-platform" / name


def tar_names(path: pathlib.Path) -> List[str]:
    with tarfile.open(path) as tgz:
        return tgz.getnames()


def tar_json(path: pathlib.Path, member: str) -> Dict[str, Any]:
    with tarfile.open(path) as tgz:
        extracted = tgz.extractfile(member)
        if extracted is None:
            raise CheckFailed(f"{path.name} has no {member}")
        parsed: Dict[str, Any] = json.load(extracted)
        return parsed


def check_contents(art: Artifacts) -> str:
    with zipfile.ZipFile(art.wheel) as wheel:
        names = wheel.namelist()
        metadata_text = wheel.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    for needed in ("leat/__init__.py", "leat/py.typed", "leat/_native.pyi"):
        assert needed in names, f"the wheel lacks {needed}"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), "the wheel lacks its LICENSE"
    for field in (
        "License-Expression: MIT",
        "Project-URL: Repository",
        "Classifier: Programming Language :: Python :: 3.13",
    ):
        assert field in metadata_text, f"the wheel's METADATA lacks {field!r}"
    assert "pip install leat-sdk" in metadata_text, "the wheel's long description is not python/README.md"

    top = art.sdist.name[: -len(".tar.gz")]
    sdist = set(tar_names(art.sdist))
    for needed in (
        "Cargo.lock",
        "Cargo.toml",
        "LICENSE",
        "pyproject.toml",
        "bindings/python/Cargo.toml",
        "crates/leat/src/lib.rs",
        "crates/leat-mock/src/lib.rs",
        "leat/__init__.py",
    ):
        assert f"{top}/{needed}" in sdist, f"the sdist lacks {needed}"

    main = tar_names(art.npm_main)
    assert "package/LICENSE" in main and "package/index.d.ts" in main, (
        f"the npm package lacks LICENSE or types: {main}"
    )
    assert not any(n.endswith(".node") for n in main), "the main npm package carries a native addon"
    manifest = tar_json(art.npm_main, "package/package.json")
    platforms = {json.loads(p.read_text())["name"] for p in (ROOT / "node" / "npm").glob("*/package.json")}
    expected_optional = {name: manifest["version"] for name in platforms}
    assert manifest.get("optionalDependencies") == expected_optional, (
        f"leat-sdk's optionalDependencies are {manifest.get('optionalDependencies')}, expected {expected_optional}"
    )
    platform = sorted(tar_names(art.npm_platform))
    expected = sorted(
        [
            "package/LICENSE",
            "package/README.md",
            "package/package.json",
            f"package/leat-sdk.{NODE_PLATFORM}.node",
        ]
    )
    assert platform == expected, f"@leat-sdk/{NODE_PLATFORM} holds {platform}, expected {expected}"
    platform_manifest = tar_json(art.npm_platform, "package/package.json")
    assert (platform_manifest["name"], platform_manifest["version"]) == (
        f"@leat-sdk/{NODE_PLATFORM}",
        manifest["version"],
    ), f"the platform tarball is {platform_manifest['name']} {platform_manifest['version']}"

    for crate, path in zip(art.crates, art.crate_files):
        names = tar_names(path)
        prefix = f"{crate.name}-{crate.version}/"
        for needed in ("Cargo.toml", "LICENSE"):
            assert prefix + needed in names, f"{path.name} lacks {needed}"
        assert prefix + "src/lib.rs" in names or prefix + "src/main.rs" in names, (
            f"{path.name} has no src/lib.rs or src/main.rs"
        )
    return (
        f"wheel (METADATA, LICENSE, stubs), sdist (workspace, Cargo.lock, LICENSE), npm main "
        f"({len(main)} files, no addon, {len(expected_optional)} platform packages as optional "
        f"dependencies), @leat-sdk/{NODE_PLATFORM} (addon, LICENSE), "
        f"{', '.join(p.name for p in art.crate_files)} (LICENSE)"
    )


def check_wheel_tag(art: Artifacts) -> str:
    auditwheel = shutil.which("auditwheel") or str(pathlib.Path(sys.executable).parent / "auditwheel")
    out = run([auditwheel, "show", art.wheel], cwd=art.dist, env=dict(os.environ))
    match = re.search(r'platform tag:\s*"([^"]+)"', out)
    if not match:
        raise CheckFailed(f"auditwheel show gave no platform tag:\n{out}")
    tag = match.group(1)
    found = re.fullmatch(r"manylinux_(\d+)_(\d+)_x86_64", tag)
    if not found or (int(found.group(1)), int(found.group(2))) > MAX_GLIBC:
        raise CheckFailed(f"auditwheel says {art.wheel.name} is {tag}, not manylinux_2_17_x86_64 or older")
    if "manylinux_2_17_x86_64" not in art.wheel.name:
        raise CheckFailed(f"{art.wheel.name} is not tagged manylinux_2_17_x86_64")
    return f"{art.wheel.name} is consistent with {tag}"


def check_glibc(binary: pathlib.Path, what: str) -> Callable[[], str]:
    def body() -> str:
        ceiling = glibc_ceiling(binary)
        if ceiling > MAX_GLIBC:
            raise CheckFailed(f"{what} needs {show_version(ceiling)}, above {show_version(MAX_GLIBC)}")
        return f"{what} needs at most {show_version(ceiling)} (limit {show_version(MAX_GLIBC)})"

    return body


def check_sizes(art: Artifacts) -> str:
    budget = {
        "wheel": (art.wheel, MAX_PACKAGE_BYTES),
        "npm platform tarball": (art.npm_platform, MAX_PACKAGE_BYTES),
        "installed .so": (art.so, MAX_BINARY_BYTES),
        ".node": (art.node, MAX_BINARY_BYTES),
    }
    over = [
        f"{what} {mib(p.stat().st_size)} (budget {mib(limit)})"
        for what, (p, limit) in budget.items()
        if p.stat().st_size > limit
    ]
    if over:
        raise CheckFailed(f"over budget: {', '.join(over)}")
    rest = [art.sdist, art.npm_main, *art.crate_files]
    return ", ".join(
        [f"{what} {mib(p.stat().st_size)} (budget {mib(limit)})" for what, (p, limit) in budget.items()]
        + [f"{p.name} {mib(p.stat().st_size)}" for p in rest]
    )


def pythons() -> List[pathlib.Path]:
    """The newest patch release of each CPython 3.9-3.13 that pyenv has."""
    root = pathlib.Path(os.environ.get("PYENV_ROOT", pathlib.Path.home() / ".pyenv"))
    found = []
    for minor in PYTHON_MINORS:
        candidates = glob.glob(str(root / "versions" / f"{minor}.*" / "bin" / "python3"))
        candidates = [c for c in candidates if re.search(rf"/{re.escape(minor)}\.\d+/bin/", c)]
        if candidates:
            found.append(
                pathlib.Path(
                    max(
                        candidates, key=lambda c: [int(x) for x in re.findall(r"/(\d+)\.(\d+)\.(\d+)/", c)[0]]
                    )
                )
            )
    return found


def python_quickstart(python: pathlib.Path, install: Sequence[str], work: pathlib.Path) -> str:
    """A fresh venv from `python`, `pip install` of `install`, then the quickstart in `work`."""
    venv = work / "venv"
    run([python, "-m", "venv", venv], cwd=work)
    vpy = venv / "bin" / "python"
    run([vpy, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *install], cwd=work)
    shutil.copy(EXAMPLES / "quickstart.py", work / "quickstart.py")
    where = run(
        [vpy, "-c", "import leat, sys; print(sys.version.split()[0], leat.__version__, leat.__file__)"],
        cwd=work,
    ).split()
    if not where[2].startswith(str(venv)):
        raise CheckFailed(f"leat was imported from {where[2]}, not from the fresh venv {venv}")
    out = run([vpy, "quickstart.py"], cwd=work)
    if "using the embedded mock server" not in out or "deleted" not in out:
        raise CheckFailed(f"the quickstart did not run its course against the mock:\n{out}")
    cli = cli_check(venv / "bin" / "leat", work)
    return (
        f"Python {where[0]}: leat {where[1]} from the venv, quickstart created/got/listed/updated/deleted"
        f" on leat-mock; console script {cli}"
    )


def cli_check(leat: pathlib.Path, work: pathlib.Path) -> str:
    """The `leat` command a package installed: its version, and a saved delivery verified
    (exit 0) and, tampered with, refused (exit 1)."""
    version = run([leat, "--version"], cwd=work).strip()
    if not re.fullmatch(r"leat \d+\.\d+\.\d+\S*", version):
        raise CheckFailed(f"`leat --version` printed {version!r}")
    secret = "whsec_dist_check"
    body = b'{"type":"contact_created","data":{"uuid":"c0ffee00-0000-4000-8000-000000000001"}}'
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    delivery = work / "delivery.json"
    delivery.write_bytes(body)
    run([leat, "webhooks", "verify", "--secret", secret, "--signature", signature, delivery], cwd=work)
    delivery.write_bytes(body.replace(b"contact_created", b"contact_updated"))
    refused = subprocess.run(
        [str(leat), "webhooks", "verify", "--secret", secret, "--signature", signature, str(delivery)],
        cwd=work,
        env=user_env(),
        capture_output=True,
        text=True,
    )
    if refused.returncode != 1:
        raise CheckFailed(
            f"`leat webhooks verify` on a tampered body exited {refused.returncode}, not 1:\n"
            + refused.stdout
            + refused.stderr
        )
    return f"`{version}`, a delivery verified and a tampered one refused"


def npm_project(art: Artifacts, work: pathlib.Path) -> pathlib.Path:
    project = work / "project"
    project.mkdir()
    (project / "package.json").write_text('{ "private": true, "type": "module" }\n')
    run(
        ["npm", "install", "--no-audit", "--no-fund", "--silent", art.npm_main, art.npm_platform], cwd=project
    )
    shutil.copy(EXAMPLES / "quickstart.mjs", project / "quickstart.mjs")
    shutil.copy(ROOT / "scripts" / "dist_check_webhook.mjs", project / "webhook.mjs")
    return project


def js_runtime_checks(project: pathlib.Path, runtime: List[str]) -> str:
    out = run([*runtime, "quickstart.mjs"], cwd=project)
    if "using the embedded mock server" not in out or "deleted" not in out:
        raise CheckFailed(f"the quickstart did not run its course against the mock:\n{out}")
    webhook = run([*runtime, "webhook.mjs"], cwd=project).strip().splitlines()[-1]
    expected_dir = str(project / "node_modules" / "leat-sdk")
    if expected_dir not in webhook or f"native addon from @leat-sdk/{NODE_PLATFORM}" not in webhook:
        raise CheckFailed(f"leat-sdk or its addon came from elsewhere than the project: {webhook}")
    return f"quickstart on the mock, {webhook}"


def install_runtimes(work: pathlib.Path) -> Dict[str, List[str]]:
    tools = work / "runtimes"
    tools.mkdir()
    (tools / "package.json").write_text('{ "private": true }\n')
    run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--silent",
            f"bun@{BUN_VERSION}",
            f"deno@{DENO_VERSION}",
        ],
        cwd=tools,
    )
    bin_dir = tools / "node_modules" / ".bin"
    return {"bun": [str(bin_dir / "bun")], "deno": [str(bin_dir / "deno"), "run", "--allow-all"]}


def runtime_version(command: List[str]) -> str:
    """`1.4.5` from `bun --version`, `2.9.6` from `deno --version`'s first line."""
    first = run([command[0], "--version"], cwd=pathlib.Path(command[0]).parent).splitlines()[0]
    found = re.search(r"\d+\.\d+\.\d+", first)
    return found.group(0) if found else first.strip()


def check_publish_dry_run(art: Artifacts) -> str:
    names = [c.name for c in art.crates]
    run([cargo(), "publish", "--dry-run", "--locked", *package_args(art.crates)], cwd=ROOT, env=user_env())
    return f"cargo publish --dry-run -p {' -p '.join(names)}: packaged, compiled and ready to upload"


def check_workflows() -> str:
    actionlint = shutil.which("actionlint") or str(pathlib.Path(sys.executable).parent / "actionlint")
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    if not workflows:
        raise CheckFailed("no workflow in .github/workflows")
    run([actionlint, *workflows], cwd=ROOT, env=dict(os.environ))
    return f"actionlint: {', '.join(w.name for w in workflows)} clean"


def no_python() -> str:
    raise CheckFailed(f"no CPython {PYTHON_MINORS[0]}-{PYTHON_MINORS[-1]} under pyenv (~/.pyenv/versions)")


def main(dist_dir: str) -> int:
    dist = pathlib.Path(dist_dir).resolve()
    report = Report()
    started = time.monotonic()
    print(f"dist-check: the artifacts in {dist}, installed as a user would", flush=True)
    with tempfile.TemporaryDirectory(prefix="leat-dist-check-") as tmp:
        work = pathlib.Path(tmp)
        holder: Dict[str, Artifacts] = {}

        def find() -> str:
            holder["art"] = Artifacts(dist, work / "unpacked")
            art = holder["art"]
            return ", ".join(
                p.name for p in [art.wheel, art.sdist, art.npm_main, art.npm_platform, *art.crate_files]
            )

        if not report.check("artifacts", find):
            return finish(report, started)
        art = holder["art"]
        report.check("contents", lambda: check_contents(art))
        report.check("wheel tag", lambda: check_wheel_tag(art))
        report.check("glibc .so", check_glibc(art.so, f"{art.so.name} (from the wheel)"))
        report.check(
            "glibc .node", check_glibc(art.node, f"{art.node.name} (from @leat-sdk/{NODE_PLATFORM})")
        )
        report.check("sizes", lambda: check_sizes(art))

        interpreters = pythons()
        found = {".".join(p.parts[-3].split(".")[:2]) for p in interpreters}
        missing = [m for m in PYTHON_MINORS if m not in found]
        print(
            f"      CPythons found: {', '.join(p.parts[-3] for p in interpreters) or 'none'}"
            + (f"; not on this machine: {', '.join(missing)}" if missing else ""),
            flush=True,
        )
        if not interpreters:
            report.check("wheel on CPython", no_python)
        for python in interpreters:
            version = python.parts[-3]
            scratch = work / f"wheel-{version}"
            scratch.mkdir()
            report.check(
                f"wheel on CPython {version}",
                functools.partial(python_quickstart, python, ["--no-index", str(art.wheel)], scratch),
            )

        if interpreters:
            newest = interpreters[-1]
            scratch = work / "sdist"
            scratch.mkdir()
            report.check(
                f"sdist compiled on CPython {newest.parts[-3]}",
                lambda: python_quickstart(newest, ["--no-cache-dir", str(art.sdist)], scratch),
            )

        project_holder: Dict[str, pathlib.Path] = {}

        def install_npm() -> str:
            project_holder["project"] = npm_project(art, work)
            return f"npm install {art.npm_main.name} {art.npm_platform.name} into an empty project"

        if report.check("npm install", install_npm):
            project = project_holder["project"]
            node_version = run(["node", "--version"], cwd=project).strip()
            report.check(f"Node {node_version.lstrip('v')}", lambda: js_runtime_checks(project, ["node"]))
            report.check(
                "npm bin leat",
                lambda: (
                    "node_modules/.bin/leat: "
                    + cli_check(project / "node_modules" / ".bin" / "leat", project)
                ),
            )
            runtimes: Dict[str, List[str]] = {}

            def install() -> str:
                runtimes.update(install_runtimes(work))
                return f"bun@{BUN_VERSION} and deno@{DENO_VERSION} from the npm registry"

            if report.check("Bun and Deno install", install):
                for name, command in runtimes.items():
                    label = f"{name.capitalize()} {runtime_version(command)}"
                    report.check(label, functools.partial(js_runtime_checks, project, command))

        report.check("cargo publish --dry-run", lambda: check_publish_dry_run(art))
        report.check("workflow lint", check_workflows)
    return finish(report, started)


def finish(report: Report, started: float) -> int:
    took = time.monotonic() - started
    if report.failures:
        print(
            f"\ndist-check: {len(report.failures)} of {report.passed + len(report.failures)} checks FAILED ({took:.0f} s)"
        )
        for name, message in report.failures:
            print(f"\n--- {name} ---\n{message}")
        return 1
    print(f"dist-check: all {report.passed} checks passed ({took:.0f} s)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: dist_check.py DIST_DIR")
    sys.exit(main(sys.argv[1]))
