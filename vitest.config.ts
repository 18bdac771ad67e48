import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', '{datalog,solver,runner,viz}/**/*.test.ts'],
    // Minutes of full-size hostile inputs: `npm run test:slow` (vitest.slow.config.ts).
    exclude: ['**/node_modules/**', 'test/**/*.slow.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
