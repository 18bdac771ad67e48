// The page's client is a few small ES modules (viz/client/*.js) that import each other. A page opened
// from file:// cannot load modules, so they are joined into one inline module script: imports of
// each other dropped, `export` keywords removed. Nothing else is rewritten.

const RELATIVE_IMPORT = /^import\s[^;]*?from\s+'\.\/[^']+';[ \t]*\n?/gm;
// tsc adds `export {};` to an emitted module that exports nothing.
const EMPTY_EXPORT = /^export \{\};[ \t]*\n?/gm;
const EXPORT_DECLARATION = /^export (?=(async )?function |const |let |class )/gm;

/** The client's modules in viz/client/, each after the ones it imports: the order to join them in. */
export const CLIENT_MODULES: readonly string[] = [
  'dom.js',
  'lineage-view.js',
  'export.js',
  'graph-frame.js',
  'spacetime.js',
  'lineage.js',
  'runs-table.js',
  'run-pane.js',
  'diff.js',
  'report.js',
];

/** Joins the modules, dependencies first; throws on an import or export form it does not handle. */
export function joinClientModules(modules: readonly string[]): string {
  return modules
    .map((source) => {
      const joined = source
        .replace(RELATIVE_IMPORT, '')
        .replace(EMPTY_EXPORT, '')
        .replace(EXPORT_DECLARATION, '');
      const left = /^(import|export)\b.*$/m.exec(joined);
      if (left) throw new Error(`client module: cannot inline \`${left[0]}\``);
      return joined;
    })
    .join('\n');
}
