// The stories the documentation tells are what the tool prints: README's first counterexample block
// is the real output, every fault a section of examples/README names is in the counterexample of
// that section's command, and the semantics page the README links exists.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../runner/cli/main.js';

function capture(): Io & { out: string } {
  const io = {
    out: '',
    isTTY: false,
    columns: 100,
    stdout: (s: string) => void (io.out += s),
    stderr: () => undefined,
  };
  return io;
}

const out = mkdtempSync(join(tmpdir(), 'ldfi-docs-'));

/** `ldfi check …` as the docs write it, with the report in a scratch folder. */
async function run(command: string): Promise<string> {
  const io = capture();
  await main([...command.replace(/^npx ldfi /, '').split(/\s+/), '-o', out], io);
  return io.out;
}

/** Seconds and the report's path vary; everything else must match. */
function stable(text: string): string {
  return text.replace(/, [0-9.]+ s \(/g, ', T s (').replace(/report: {3}.*/g, 'report:   PATH');
}

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('shows the output of its first check command as it is', async () => {
    const command = /^npx ldfi check .*$/m.exec(readme)![0];
    const block = /```\n(COUNTEREXAMPLE[^`]*)```/.exec(readme)![1]!;
    expect(stable(await run(command))).toBe(stable(block));
  });

  it('links the semantics page of this repository, not the project workspace', () => {
    expect(readme).not.toContain('shared/SPEC.md');
    expect(readme).toContain('(docs/semantics.md)');
    expect(existsSync('docs/semantics.md')).toBe(true);
  });
});

describe('examples/README', () => {
  const text = readFileSync('examples/README.md', 'utf8');
  // Each list item or paragraph with a command: the faults it names in backticks.
  const sections = text
    .split(/\n(?=\d\. |- |\n)/)
    .map((s) => ({
      command: /`(npx ldfi check [^`]+)`/.exec(s)?.[1],
      faults: [...s.matchAll(/`([^`]*(?:@\d+ lost|crashed@\d+)[^`]*)`/g)].map((m) => m[1]!),
    }))
    .filter((s) => s.command !== undefined && s.faults.length > 0);

  it('names faults in some sections', () => {
    expect(sections.length).toBeGreaterThanOrEqual(4);
  });

  it.each(sections.map((s) => [s.command!, s.faults] as const))('%s prints %j', async (command, faults) => {
    const printed = await run(command);
    const line = /faults: {3}(.*)/.exec(printed)?.[1] ?? '';
    for (const named of faults.flatMap((f) => f.split(', '))) expect(line).toContain(named);
  });
});
