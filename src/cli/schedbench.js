#!/usr/bin/env node
// The CLI is TypeScript. It runs from the bundle compiled-sources.js keeps of the sources
// (rebuilt whenever they change), or else through tsx's loader, so `schedbench` works
// from a clone without a build step either way.
import { compiledCliEntry } from './compiled-sources.js';

const entry = await compiledCliEntry();
if (entry !== null) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
