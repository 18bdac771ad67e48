// `ldfi playground`: serve the built playground (playground/dist/ of this package) on this machine
// only, and open it in the browser. Static files, nothing fetched from elsewhere.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

const HELP = `Usage: ldfi playground [--port N] [--no-open]

Serves the browser playground and the course from this installed copy of ldfi on
http://127.0.0.1:PORT/ and opens it in your browser. Ctrl-C stops it.

  --port N     port to listen on (default 5178; 0 picks a free one)
  --no-open    do not open a browser, just print the address`;

export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

/** The folder of the built playground in this package (found from this file, source or dist). */
export function playgroundDist(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ldfi')
      return join(dir, 'playground', 'dist');
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the ldfi package folder');
    dir = up;
  }
}

/** Serves `root` on 127.0.0.1; only files under it, GET and HEAD only. */
export async function serveStatic(root: string, port = 0): Promise<Served> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        res.writeHead(400).end();
        return;
      }
      const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
      if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Cache-Control': 'no-cache',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener: the address is printed anyway.
  }
}

/** Runs the command until interrupted; returns the exit status. */
export async function playground(
  argv: readonly string[],
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
): Promise<number> {
  let port = 5178;
  let open = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') {
      io.stdout(`${HELP}\n`);
      return 0;
    } else if (arg === '--no-open') open = false;
    else if (arg === '--port' && /^\d+$/.test(argv[i + 1] ?? '') && Number(argv[i + 1]) < 65536)
      port = Number(argv[++i]);
    else {
      io.stderr(`ldfi: error: unknown argument '${arg}' for playground\nTry 'ldfi playground --help'.\n`);
      return 2;
    }
  }
  const root = playgroundDist();
  if (!existsSync(join(root, 'index.html'))) {
    io.stderr(
      `ldfi: error: the playground is not built (no ${join(root, 'index.html')}); run 'npm run build:playground'\n`,
    );
    return 2;
  }
  let served: Served;
  try {
    served = await serveStatic(root, port);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'EADDRINUSE') throw e;
    served = await serveStatic(root, 0);
  }
  io.stdout(`ldfi playground: ${served.url} (Ctrl-C to stop)\n`);
  if (open) openBrowser(served.url);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await served.close();
  return 0;
}
