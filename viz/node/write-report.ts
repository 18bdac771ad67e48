// The Node shell of the report: reads the inlined assets, writes DIR/index.html, DIR/runs.json and,
// with `dot`, the Graphviz files, each atomically. It creates DIR if needed and never removes anything in it.
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SearchReport } from '../../runner/types.js';
import { reportDotFiles } from '../dot.js';
import { CLIENT_MODULES, joinClientModules } from '../html/client.js';
import { renderReportHtml, type ReportAssets } from '../html/render.js';
import { reportView } from '../model/report.js';
import { writeFileAtomic } from './write-atomic.js';

/** What `writeReport` writes besides index.html and runs.json. */
export interface WriteReportOptions {
  /** Also write run-N-spacetime.dot, run-N-lineage.dot and run-N-diff.dot. */
  readonly dot?: boolean;
}

/** Writes the report; `files` lists every path written, index.html first. */
export async function writeReport(
  dir: string,
  report: SearchReport,
  options: WriteReportOptions = {},
): Promise<{ indexPath: string; files: string[] }> {
  await mkdir(dir, { recursive: true });
  const indexPath = join(dir, 'index.html');
  const outputs = [
    { path: indexPath, text: renderReportHtml(report, await loadReportAssets()) },
    // Compact: runs.json grows with every run (tens of MB for an exhaustive search); jq reads it.
    { path: join(dir, 'runs.json'), text: JSON.stringify(report.runs) + '\n' },
  ];
  if (options.dot)
    for (const file of reportDotFiles(reportView(report)))
      outputs.push({ path: join(dir, file.name), text: file.text });
  for (const output of outputs) writeFileAtomic(output.path, output.text);
  return { indexPath, files: outputs.map((o) => o.path) };
}

/** cytoscape from node_modules (the page lays graphs out itself); the client beside this folder (source or dist). */
export async function loadReportAssets(): Promise<ReportAssets> {
  const require = createRequire(import.meta.url);
  const [cytoscape, client] = await Promise.all([
    readFile(require.resolve('cytoscape/dist/cytoscape.min.js'), 'utf8'),
    Promise.all(
      CLIENT_MODULES.map((name) =>
        readFile(fileURLToPath(new URL(`../client/${name}`, import.meta.url)), 'utf8'),
      ),
    ),
  ]);
  return { cytoscape, client: joinClientModules(client) };
}
