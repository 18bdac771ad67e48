import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  dotString,
  escapeHtml,
  joinClientModules,
  jsonForScript,
  lineageDot,
  renderReportHtml,
  reportDotFiles,
  reportView,
  spacetimeDot,
} from '../viz/index.js';
import { deliveryReport } from './fixtures/viz/delivery.js';

const ASSETS = { cytoscape: '/* cytoscape */', client: '/* client */' };
const HOSTILE = '</script><img src=x onerror=alert(1)>';

/** The page with every `<script type="application/json">` block replaced by its parsed contents. */
function jsonBlocks(html: string): Map<string, unknown> {
  const blocks = new Map<string, unknown>();
  for (const match of html.matchAll(/<script type="application\/json" id="([^"]+)">(.*?)<\/script>/gs)) {
    blocks.set(match[1]!, JSON.parse(match[2]!));
  }
  return blocks;
}

describe('escaping', () => {
  test('escapeHtml covers text and attribute contexts', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  test('jsonForScript never contains "<" and parses back to the same value', () => {
    const value = { s: HOSTILE, c: '<!-- x -->' };
    const text = jsonForScript(value);
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(value);
  });

  test('a hostile value in a .ded program stays data: no markup, the same number of script elements', () => {
    const html = renderReportHtml(deliveryReport(HOSTILE), ASSETS);
    const benign = renderReportHtml(deliveryReport('hi'), ASSETS);
    expect(html).not.toContain('<img');
    expect(html).not.toContain(HOSTILE);
    expect(html.match(/<script/g)).toHaveLength(benign.match(/<script/g)!.length);
    const summary = jsonBlocks(html).get('ldfi-report') as { program: { files: { text: string }[] } };
    expect(summary.program.files[0]!.text).toContain(`bcast("a", "${HOSTILE}")@1;`);
    const run = jsonBlocks(html).get('ldfi-run-2') as {
      violations?: unknown;
      title: string;
      relations: { rows: { values: string[] }[] }[];
    };
    expect(run.relations[0]!.rows[0]!.values).toEqual(['a', HOSTILE]);
  });

  test('an inlined script cannot close its element early, and source-map comments are dropped', () => {
    const html = renderReportHtml(deliveryReport(), {
      ...ASSETS,
      client: 'const s = "</script>";\n//# sourceMappingURL=report.js.map',
    });
    expect(html).toContain('const s = "<\\/script>";');
    expect(html).not.toContain('sourceMappingURL');
  });

  test('says when a long search kept only some of its runs', () => {
    const all = renderReportHtml(deliveryReport(), ASSETS);
    expect(all).toContain('One row per execution; the counterexample comes first.');
    const some = renderReportHtml({ ...deliveryReport(), executions: 999 }, ASSETS);
    expect(some).toContain('The first 3 of the 999 executions are kept in full, with every counterexample;');
  });

  test('the page fetches nothing: a CSP with no network source', () => {
    const html = renderReportHtml(deliveryReport(), ASSETS);
    expect(html).toContain(`default-src 'none'`);
    expect(html).not.toMatch(/\b(src|href)=/);
  });
});

describe('report JSON', () => {
  // The embedded data of the fixture, pinned. Rewrite with UPDATE_GOLDEN=1 and review the diff.
  test('golden', () => {
    const golden = new URL('./fixtures/viz/delivery.report.json', import.meta.url);
    const actual = JSON.stringify(reportView(deliveryReport()), null, 1) + '\n';
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  test('same report, same bytes', () => {
    expect(renderReportHtml(deliveryReport(), ASSETS)).toBe(renderReportHtml(deliveryReport(), ASSETS));
  });

  test('the elapsed time stays out of the bytes (it varies from one run of a search to the next)', () => {
    const slow = { ...deliveryReport(), elapsedMs: 98_765 };
    expect(renderReportHtml(slow, ASSETS)).toBe(renderReportHtml({ ...slow, elapsedMs: 1 }, ASSETS));
  });

  test('one data block per run, named by iteration', () => {
    const blocks = jsonBlocks(renderReportHtml(deliveryReport(), ASSETS));
    expect([...blocks.keys()]).toEqual([
      'ldfi-report',
      'ldfi-graph-styles',
      'ldfi-run-0',
      'ldfi-run-1',
      'ldfi-run-2',
    ]);
  });
});

describe('dot', () => {
  const view = reportView(deliveryReport(HOSTILE));

  test('strings are DOT-escaped', () => {
    expect(dotString('say "hi"\\\nbye')).toBe('"say \\"hi\\"\\\\\\nbye"');
  });

  test('spacetime: a rank per time step, lost messages dashed red with the reason', () => {
    const dot = spacetimeDot(view.runs[2]!.spacetime, 'run 2');
    expect(dot).toMatch(/^digraph spacetime \{/);
    expect(dot).toContain('{ rank=same; "e:a@1"; "e:b@1"; "e:c@1"; }');
    expect(dot).toContain(
      '"e:a@1" -> "e:b@2" [label="log (lost: omission)", constraint=false, style=dashed, color="#c62828"',
    );
    expect(dot).toContain('"e:a@1" -> "e:c@2" [label="log", constraint=false];');
    expect(dot).toContain('xlabel="crashed@2"');
  });

  test('lineage: every node and edge, goals bold, cut nodes red', () => {
    const lineage = view.runs[0]!.lineage;
    const dot = lineageDot(lineage, 'run 0', [lineage.goals[0]!]);
    expect(dot.match(/^ {2}n\d+ \[/gm)).toHaveLength(lineage.nodes.filter((n) => n.kind !== 'chain').length);
    expect(dot.match(/ -> /g)).toHaveLength(lineage.edges.length);
    expect(dot).toContain(
      `n${lineage.goals[0]} [shape=box, style="rounded,filled", fillcolor="#dbe7fb", label="post(\\"a\\", \\"${HOSTILE}\\")@3", penwidth=3, color="#d84315"`,
    );
  });

  test('files: spacetime and lineage per run, and the diff for the counterexample', () => {
    expect(reportDotFiles(view).map((f) => f.name)).toEqual([
      'run-0-spacetime.dot',
      'run-0-lineage.dot',
      'run-1-spacetime.dot',
      'run-1-lineage.dot',
      'run-2-spacetime.dot',
      'run-2-lineage.dot',
      'run-2-diff.dot',
    ]);
  });
});

describe('joinClientModules', () => {
  test('drops imports of sibling modules and export keywords, keeps the rest in order', () => {
    const dom = '// @ts-check\nexport function el() {}\nexport const X = 1;\n';
    const report = "import { el,\n  X } from './dom.js';\nfunction main() { el(X); }\nmain();\nexport {};\n";
    expect(joinClientModules([dom, report])).toBe(
      '// @ts-check\nfunction el() {}\nconst X = 1;\n\nfunction main() { el(X); }\nmain();\n',
    );
  });

  test('refuses what it cannot inline', () => {
    expect(() => joinClientModules(["import cytoscape from 'cytoscape';\n"])).toThrow(
      /cannot inline `import cytoscape/,
    );
    expect(() => joinClientModules(['export default 1;\n'])).toThrow(/cannot inline/);
  });
});
