import { defineConfig } from 'vitest/config';

// `npm run test:slow`: issue 11's hostile inputs at full size, through the built command.
export default defineConfig({
  test: {
    include: ['test/**/*.slow.test.ts'],
    testTimeout: 300_000,
    fileParallelism: false,
  },
});
