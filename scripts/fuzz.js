// `npm run fuzz -- [COUNT] [SEED]`: the LDFI = exhaustive property on COUNT generated programs
// (default 2000) from SEED (default: the time, printed so a failure can be replayed).
import { spawnSync } from 'node:child_process';

const count = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [COUNT] [SEED]');
  process.exit(2);
}
console.log(`ldfi fuzz: ${count} programs, seed ${seed}`);
const result = spawnSync('npx', ['vitest', 'run', 'test/verdict-property.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, LDFI_FUZZ_RUNS: String(count), LDFI_FUZZ_SEED: String(seed) },
});
process.exit(result.status ?? 1);
