// Builds the playground into playground/dist/: static files any host can serve, relative URLs so it
// works from a sub-folder or `ldfi playground`'s local server, nothing fetched from elsewhere.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // The course and the example protocols live beside the playground, in the repository.
  server: { fs: { allow: [repo] } },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // cytoscape alone is ~450 kB minified: one chunk for the page, one for the worker.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      checks: {
        // logic-solver (MiniSat compiled by emscripten) has direct evals on paths the playground never
        // takes (it uses the default minimal-hitting-set backend), and the page's CSP forbids eval.
        eval: false,
        // Timings depend on the machine, not on anything in this build.
        bundlerTimings: false,
      },
    },
  },
});
