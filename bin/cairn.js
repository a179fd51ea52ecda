#!/usr/bin/env node
// Entry point for `cairn` / `npx cairn`: runs the compiled CLI (built by `npm install` via prepare).
import { runCli } from '../dist/main/cli/main.js';

// `cairn events … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2));
