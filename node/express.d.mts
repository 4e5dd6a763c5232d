// The ESM declarations of leat-sdkexpress: the same types as express.d.ts, for `import` under
// TypeScript's node16/nodenext resolution (the .d.ts describes the CommonJS entry).
import * as entry from './express.js';

export * from './express.js';
export default entry;
