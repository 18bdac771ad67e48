// README's "Use it from TypeScript" example, run as written (only `from 'ldfi'` points at the source),
// and what it prints compared with the output shown under it: the two cannot drift apart.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The first ```ts block of README's section `heading` and the ```text block after it. */
function readmeExample(heading: string): { code: string; output: string } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith(heading));
  const code = section && /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  const output = section && /```text\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code || output === undefined) throw new Error(`README: no ts and text blocks under '## ${heading}'`);
  return { code, output };
}

describe('README', () => {
  let dir: string | null = null;
  afterEach(() => {
    vi.restoreAllMocks();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('"Use it from TypeScript" runs and prints what it says', async () => {
    const { code, output } = readmeExample('Use it from TypeScript');
    expect(code).toMatch(/from 'ldfi';/);
    dir = mkdtempSync(join(tmpdir(), 'ldfi-readme-'));
    const file = join(dir, 'example.ts');
    writeFileSync(
      file,
      code.replace(/from 'ldfi';/g, `from '${pathToFileURL(join(root, 'index.ts')).href}';`),
    );
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(format(...args)));
    await import(/* @vite-ignore */ pathToFileURL(file).href);
    expect(printed.join('\n') + '\n').toBe(output);
  });
});
