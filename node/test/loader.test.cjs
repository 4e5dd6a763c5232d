// The native addon is found for the platform at hand: a local build first, then the
// `@leat-sdk/<platform>` package, else one error naming the platform, the libc, the supported
// list and what to do. Other machines are faked through `loadNativeAddon`'s arguments.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const { SUPPORTED_PLATFORMS, detectLibc, loadNativeAddon, platformName } = require('../lib/native-loader');

const ROOT = path.join(__dirname, '..');
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** A `require` that knows only `installed` (specifier -> exports) and records every call. */
function fakeRequire(installed) {
  const calls = [];
  const requireFn = (specifier) => {
    calls.push(specifier);
    if (specifier in installed) {
      const found = installed[specifier];
      if (found instanceof Error) throw found;
      return found;
    }
    const error = new Error(`Cannot find module '${specifier}'`);
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  };
  return { requireFn, calls };
}

const nothingLocal = () => false;

test('a local build next to the package is loaded before the platform package', () => {
  const local = path.join('/pkg', 'leat-sdk.linux-x64-gnu.node');
  const { requireFn, calls } = fakeRequire({
    [local]: { from: 'local' },
    '@leat-sdk/linux-x64-gnu': { from: 'package' },
  });
  const found = loadNativeAddon({
    platform: 'linux',
    arch: 'x64',
    libc: 'gnu',
    packageRoot: '/pkg',
    requireFn,
    exists: (file) => file === local,
  });
  assert.deepEqual(found, { addon: { from: 'local' }, from: local });
  assert.deepEqual(calls, [local]);
});

test('without a local build the platform package is loaded', () => {
  const { requireFn } = fakeRequire({ '@leat-sdk/darwin-arm64': { from: 'package' } });
  const found = loadNativeAddon({
    platform: 'darwin',
    arch: 'arm64',
    packageRoot: '/pkg',
    requireFn,
    exists: nothingLocal,
  });
  assert.deepEqual(found, { addon: { from: 'package' }, from: '@leat-sdk/darwin-arm64' });
});

test('the libc picks the gnu or the musl package on Linux', () => {
  const installed = { '@leat-sdk/linux-arm64-gnu': 'gnu', '@leat-sdk/linux-arm64-musl': 'musl' };
  for (const libc of ['gnu', 'musl']) {
    const { requireFn } = fakeRequire(installed);
    const found = loadNativeAddon({
      platform: 'linux',
      arch: 'arm64',
      libc,
      packageRoot: '/pkg',
      requireFn,
      exists: nothingLocal,
    });
    assert.equal(found.addon, libc);
  }
});

test('windows uses the msvc package', () => {
  const { requireFn, calls } = fakeRequire({ '@leat-sdk/win32-x64-msvc': 'win' });
  loadNativeAddon({ platform: 'win32', arch: 'x64', packageRoot: '/pkg', requireFn, exists: nothingLocal });
  assert.deepEqual(calls, ['@leat-sdk/win32-x64-msvc']);
});

test('a supported platform whose package was not installed gets one error saying to reinstall with optional dependencies', () => {
  const { requireFn } = fakeRequire({});
  assert.throws(
    () =>
      loadNativeAddon({
        platform: 'linux',
        arch: 'x64',
        libc: 'musl',
        packageRoot: '/pkg',
        requireFn,
        exists: nothingLocal,
      }),
    (error) => {
      assert.equal(error.code, 'LEAT_NATIVE_ADDON_NOT_FOUND');
      assert.match(error.message, /linux-x64-musl \(os linux, cpu x64, libc musl\)/);
      assert.match(error.message, /@leat-sdk\/linux-x64-musl/);
      assert.match(error.message, /--omit=optional/);
      for (const name of SUPPORTED_PLATFORMS) assert.ok(error.message.includes(name), name);
      return true;
    },
  );
});

test('an unsupported platform gets one error naming it and the supported list, without looking for a package', () => {
  const { requireFn, calls } = fakeRequire({});
  assert.throws(
    () => loadNativeAddon({ platform: 'freebsd', arch: 'x64', packageRoot: '/pkg', requireFn, exists: nothingLocal }),
    (error) => {
      assert.equal(error.code, 'LEAT_NATIVE_ADDON_NOT_FOUND');
      assert.match(error.message, /freebsd-x64 \(os freebsd, cpu x64, libc none\)/);
      assert.match(error.message, new RegExp(`Prebuilt addons: ${SUPPORTED_PLATFORMS.join(', ')}`));
      assert.match(error.message, /npm run build/);
      return true;
    },
  );
  assert.deepEqual(calls, []);
});

test('a platform package that is there but cannot load reports the package and the cause', () => {
  const cause = new Error("/lib64/libc.so.6: version `GLIBC_2.28' not found");
  const { requireFn } = fakeRequire({ '@leat-sdk/linux-x64-gnu': cause });
  assert.throws(
    () =>
      loadNativeAddon({
        platform: 'linux',
        arch: 'x64',
        libc: 'gnu',
        packageRoot: '/pkg',
        requireFn,
        exists: nothingLocal,
      }),
    (error) => {
      assert.match(error.message, /could not load its native addon @leat-sdk\/linux-x64-gnu for linux-x64-gnu/);
      assert.match(error.message, /GLIBC_2\.28/);
      assert.equal(error.cause, cause);
      return true;
    },
  );
});

test('this machine resolves to a known platform name', () => {
  const libc = process.platform === 'linux' ? detectLibc() : undefined;
  if (process.platform === 'linux') assert.ok(['gnu', 'musl'].includes(libc), String(libc));
  assert.ok(SUPPORTED_PLATFORMS.includes(platformName(process.platform, process.arch, libc)));
});

/** napi-rs's name for each target triple in package.json's `napi.targets`. */
const TRIPLES = {
  'x86_64-unknown-linux-gnu': 'linux-x64-gnu',
  'x86_64-unknown-linux-musl': 'linux-x64-musl',
  'aarch64-unknown-linux-gnu': 'linux-arm64-gnu',
  'aarch64-unknown-linux-musl': 'linux-arm64-musl',
  'x86_64-apple-darwin': 'darwin-x64',
  'aarch64-apple-darwin': 'darwin-arm64',
  'x86_64-pc-windows-msvc': 'win32-x64-msvc',
};

test('the supported list is the napi targets, each with a platform package under npm/', () => {
  assert.deepEqual(
    packageJson.napi.targets.map((triple) => TRIPLES[triple]),
    [...SUPPORTED_PLATFORMS],
  );
  const dirs = fs
    .readdirSync(path.join(ROOT, 'npm'))
    .filter((name) => fs.existsSync(path.join(ROOT, 'npm', name, 'package.json')));
  assert.deepEqual(dirs.sort(), [...SUPPORTED_PLATFORMS].sort());
});

test('the committed package.json leaves the optional dependencies to make node-pack, and refuses a plain npm pack', () => {
  // They name packages the registry has only after a release; npm ci would refuse the lockfile.
  assert.equal(packageJson.optionalDependencies, undefined);
  assert.match(packageJson.scripts.prepack, /optionalDependencies/);
});

test('each platform package installs only where its addon runs and points at that addon', () => {
  for (const name of SUPPORTED_PLATFORMS) {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'npm', name, 'package.json'), 'utf8'));
    const [os, cpu, libc] = name.split('-');
    const addon = `${packageJson.napi.binaryName}.${name}.node`;
    assert.equal(pkg.name, `@leat-sdk/${name}`);
    assert.equal(pkg.version, packageJson.version, name);
    assert.deepEqual(pkg.os, [os]);
    assert.deepEqual(pkg.cpu, [cpu]);
    assert.deepEqual(pkg.libc, os === 'linux' ? [libc === 'gnu' ? 'glibc' : 'musl'] : undefined, name);
    assert.equal(pkg.main, addon);
    assert.ok(pkg.files.includes(addon), name);
    assert.equal(pkg.license, packageJson.license);
    assert.equal(pkg.repository.url, packageJson.repository.url);
  }
});

test('the main package carries no addon of its own', () => {
  assert.ok(!packageJson.files.some((file) => file.endsWith('.node')), packageJson.files.join(', '));
});
