// The ESM declarations of leat-sdkweb: the same types as web.d.ts, for `import` under
// TypeScript's node16/nodenext resolution (the .d.ts describes the CommonJS entry).
import * as entry from './web.js';

export * from './web.js';
export default entry;
