#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so `schedbench` works from a clone
// without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
