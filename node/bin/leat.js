#!/usr/bin/env node

// The `leat` command line (`npx leat ...`): the native leat-cli code does everything; this
// hands it the arguments and exits with its status.
//
// The CLI handles Ctrl-C and SIGTERM itself. Node's default handlers for them re-raise the
// signal from inside the handler, which the CLI's handler, chained in front, would receive
// again without end; these no-op listeners replace them with libuv's, which only take note.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});

const { runCli } = require('../lib/native');

process.exit(runCli(process.argv.slice(2)));
