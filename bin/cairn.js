#!/usr/bin/env node
// Entry point for `cairn` / `npx cairn`: runs the compiled CLI (built by `npm install` via prepare).
import { runCli } from '../dist/main/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
