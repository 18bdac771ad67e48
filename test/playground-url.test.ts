// The playground's links: program and bounds survive the URL, whatever the program's characters.
import { describe, expect, it } from 'vitest';
import { readHash, writeHash } from '../playground/src/url.js';

describe('playground links', () => {
  it('round-trips a lesson, its bounds and a program with any characters', () => {
    const program = 'msg("a", "héllo → ✓")@1; // 100% of "quotes" & #hashes\n';
    const hash = writeHash({ lesson: '03-retry', program, bounds: { nodes: 'a,b,c', eot: 6, crashes: 1 } });
    expect(hash).not.toMatch(/[ "\n]/);
    expect(readHash(hash)).toEqual({
      lesson: '03-retry',
      program,
      bounds: { nodes: 'a,b,c', eot: 6, crashes: 1 },
    });
  });

  it('ignores what it cannot read rather than failing', () => {
    expect(readHash('#eot=abc&program=%%%&crashes=-1')).toEqual({ lesson: null, program: null, bounds: {} });
    expect(readHash('')).toEqual({ lesson: null, program: null, bounds: {} });
  });
});
