// The ESM declarations of leat-sdkfastify: the same types as fastify.d.ts, for `import` under
// TypeScript's node16/nodenext resolution (the .d.ts describes the CommonJS entry).
import * as entry from './fastify.js';

export * from './fastify.js';
export default entry;
