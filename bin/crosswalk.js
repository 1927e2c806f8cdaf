#!/usr/bin/env node
// Entry point of the `crosswalk` command: runs the TypeScript sources through tsx, so a fresh
// clone needs no build step before `npm start` or `npx crosswalk`.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
