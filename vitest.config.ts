import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'examples/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/testing/fast-check-seed.ts'],
    // The JSON report gives .ci/run its "N passed, M failed" line.
    reporters: ['default', ['json', { outputFile: 'out/vitest.json' }]],
    testTimeout: 60_000,
  },
});
