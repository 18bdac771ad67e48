// The page's state in its URL (after `#`), so a link shares a lesson or a protocol with its bounds:
// #lesson=03-retry&nodes=a,b,c&eot=6&eff=3&crashes=1&program=<base64url UTF-8>

export interface Shared {
  readonly lesson: string | null;
  /** The edited program, when it differs from the lesson's. */
  readonly program: string | null;
  readonly bounds: Partial<Bounds>;
}

export interface Bounds {
  readonly nodes: string;
  readonly eot: number;
  readonly eff: number;
  readonly crashes: number;
  readonly maxRuns: number | null;
  readonly timeout: number | null;
}

const NUMBERS = ['eot', 'eff', 'crashes', 'maxRuns', 'timeout'] as const;

export function readHash(hash: string): Shared {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const bounds: Record<string, string | number> = {};
  const nodes = params.get('nodes');
  if (nodes !== null) bounds['nodes'] = nodes;
  for (const key of NUMBERS) {
    const value = params.get(key);
    if (value !== null && /^\d+$/.test(value)) bounds[key] = Number(value);
  }
  const program = params.get('program');
  return {
    lesson: params.get('lesson'),
    program: program === null ? null : decode(program),
    bounds: bounds as Partial<Bounds>,
  };
}

export function writeHash(shared: Shared): string {
  const params = new URLSearchParams();
  if (shared.lesson !== null) params.set('lesson', shared.lesson);
  for (const [key, value] of Object.entries(shared.bounds))
    if (value !== null && value !== undefined) params.set(key, String(value));
  if (shared.program !== null) params.set('program', encode(shared.program));
  return `#${params.toString()}`;
}

function encode(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decode(text: string): string | null {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
