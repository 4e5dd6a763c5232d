'use strict';
// Loads the native addon built for this platform: `leat-sdk.<platform>.node` at the package
// root, as `napi build --platform` names it.

const fs = require('node:fs');
const path = require('node:path');

/** `gnu` or `musl`: from the system's `ldd` script when readable (cheap), else from a report. */
function libc() {
  try {
    return fs.readFileSync('/usr/bin/ldd', 'utf8').includes('musl') ? 'musl' : 'gnu';
  } catch {
    const report = process.report?.getReport?.();
    return report?.header?.glibcVersionRuntime ? 'gnu' : 'musl';
  }
}

function platform() {
  const base = `${process.platform}-${process.arch}`;
  if (process.platform === 'linux') return `${base}-${libc()}`;
  if (process.platform === 'win32') return `${base}-msvc`;
  return base;
}

function load() {
  const name = `leat-sdk.${platform()}.node`;
  const file = path.join(__dirname, '..', name);
  try {
    return require(file);
  } catch (cause) {
    const missing = cause && cause.code === 'MODULE_NOT_FOUND';
    const what = missing
      ? `leat-sdk has no native addon for this platform (${platform()}): ${file} does not exist`
      : `leat-sdk could not load its native addon ${file}`;
    throw new Error(
      `${what}. Packages are built for linux-x64-gnu; in the leat-sdk repository, ` +
        '`npm run build` in node/ builds the addon for the machine it runs on.',
      { cause },
    );
  }
}

module.exports = load();
