#!/usr/bin/env node
'use strict';
// The `leat` command line (`npx leat ...`): the native leat-cli code does everything; this
// hands it the arguments and exits with its status.

const { runCli } = require('../lib/native');

process.exit(runCli(process.argv.slice(2)));
