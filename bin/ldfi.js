#!/usr/bin/env node
// The `ldfi` command. The TypeScript sources are compiled to dist/ by `npm ci` (the prepare script)
// or `npm run build`.
let main;
try {
  ({ main } = await import('../dist/runner/cli/main.js'));
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist')) {
    process.stderr.write('ldfi: not built yet: run `npm run build` (npm ci does it for you)\n');
    process.exit(4);
  }
  throw e;
}
process.exitCode = await main(process.argv.slice(2));
