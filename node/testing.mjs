// The ESM entry of leat-sdk/testing: the same objects as the CommonJS entry.
import testing from './testing.js';

export const { MockServer, Fault } = testing;

export default testing;
