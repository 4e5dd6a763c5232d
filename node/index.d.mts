// The ESM declarations of leat-sdk: the same types as index.d.ts, for `import` under
// TypeScript's node16/nodenext resolution (the .d.ts describes the CommonJS entry).
import * as entry from './index.js';

export * from './index.js';
export default entry;
