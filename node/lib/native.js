// The native addon for this process's platform, found by `loadNativeAddon` (a local build
// first, then the `@leat-sdk/<platform>` package).

const { loadNativeAddon } = require('./native-loader');

module.exports = loadNativeAddon().addon;
