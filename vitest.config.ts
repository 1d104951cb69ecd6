import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/renderer/**/*.test.tsx'],
    environment: 'node',
    // Stops the whole run at once, naming the folder, when the recorded Odoo servers are missing.
    globalSetup: ['tests/support/check-fixtures.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' },
  },
});
