// leat-sdk/testing: a local, stateful stand-in for the Leat API, for tests and offline work.

const { MockServer, Fault } = require('./lib/testing');

module.exports = { MockServer, Fault };
