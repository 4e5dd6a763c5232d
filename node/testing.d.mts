// The ESM declarations of leat-sdk/testing: the same types as testing.d.ts, for `import` under
// TypeScript's node16/nodenext resolution (the .d.ts describes the CommonJS entry).
import * as entry from './testing.js';

export * from './testing.js';
export default entry;
