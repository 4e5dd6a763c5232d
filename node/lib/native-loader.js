// Finds the native addon for a platform: a local build next to the package first (what
// `npm run build` makes while developing), then the platform package npm installed as an
// optional dependency (`@leat-sdk/<platform>`), else one error that says what to do.
// `loadNativeAddon` takes the platform, cpu and libc so tests can fake another machine.

const fs = require('node:fs');
const path = require('node:path');

/** The platforms prebuilt addons are published for, as `@leat-sdk/<platform>` packages. */
const SUPPORTED_PLATFORMS = Object.freeze([
  'linux-x64-gnu',
  'linux-x64-musl',
  'linux-arm64-gnu',
  'linux-arm64-musl',
  'darwin-x64',
  'darwin-arm64',
  'win32-x64-msvc',
]);

/** `gnu` or `musl` on Linux: from the system's `ldd` script when readable, else a report. */
function detectLibc() {
  try {
    return fs.readFileSync('/usr/bin/ldd', 'utf8').includes('musl') ? 'musl' : 'gnu';
  } catch {
    const report = process.report?.getReport?.();
    return report?.header?.glibcVersionRuntime ? 'gnu' : 'musl';
  }
}

/** The napi-rs name of a platform: `linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`. */
function platformName(platform, arch, libc) {
  if (platform === 'linux') return `linux-${arch}-${libc}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

function describe(platform, arch, libc) {
  return `${platformName(platform, arch, libc)} (os ${platform}, cpu ${arch}, libc ${libc ?? 'none'})`;
}

function notFound(platform, arch, libc, cause) {
  const name = platformName(platform, arch, libc);
  const supported = SUPPORTED_PLATFORMS.includes(name);
  const remedy = supported
    ? `Its addon is the package @leat-sdk/${name}, an optional dependency of leat-sdk that ` +
      'was not installed: reinstall leat-sdk without --no-optional / --omit=optional (if the ' +
      'lockfile was made on another platform, delete node_modules and the lockfile first).'
    : 'No prebuilt addon exists for it: build one from the leat-sdk repository ' +
      '(`npm run build` in node/ needs Rust) and place it next to the package.';
  const error = new Error(
    `leat-sdk has no native addon for this platform: ${describe(platform, arch, libc)}. ` +
      `Prebuilt addons: ${SUPPORTED_PLATFORMS.join(', ')}. ${remedy}`,
    cause ? { cause } : undefined,
  );
  error.code = 'LEAT_NATIVE_ADDON_NOT_FOUND';
  return error;
}

function isMissing(cause, specifier) {
  return cause?.code === 'MODULE_NOT_FOUND' && String(cause.message).includes(specifier);
}

/**
 * Loads the addon for `platform`/`arch`/`libc` (default: this process). `packageRoot` is where
 * a local build `leat-sdk.<platform>.node` is looked for; `requireFn` and `exists` stand in for
 * `require` and `fs.existsSync` in tests. Returns `{ addon, from }`.
 */
function loadNativeAddon({
  platform = process.platform,
  arch = process.arch,
  libc = platform === 'linux' ? detectLibc() : undefined,
  packageRoot = path.join(__dirname, '..'),
  requireFn = require,
  exists = fs.existsSync,
} = {}) {
  const name = platformName(platform, arch, libc);
  const candidates = [path.join(packageRoot, `leat-sdk.${name}.node`)];
  if (SUPPORTED_PLATFORMS.includes(name)) candidates.push(`@leat-sdk/${name}`);
  let lastMissing;
  for (const candidate of candidates) {
    const isFile = path.isAbsolute(candidate);
    if (isFile && !exists(candidate)) continue;
    try {
      return { addon: requireFn(candidate), from: candidate };
    } catch (cause) {
      if (!isFile && isMissing(cause, candidate)) {
        lastMissing = cause;
        continue;
      }
      throw new Error(
        `leat-sdk could not load its native addon ${candidate} for ${describe(platform, arch, libc)}: ` +
          `${cause?.message ?? cause}`,
        { cause },
      );
    }
  }
  throw notFound(platform, arch, libc, lastMissing);
}

module.exports = { SUPPORTED_PLATFORMS, detectLibc, platformName, loadNativeAddon };
