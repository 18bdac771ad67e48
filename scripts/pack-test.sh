#!/usr/bin/env bash
# The published package, tested as a user gets it: `npm pack`, install the tarball into an empty
# folder (dependencies from the npm cache when they are there, else the registry), then use the
# `ldfi` command, the typed API (README's example compiled with strict tsc and run), and `ldfi/node`.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/ldfi-pack-XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "pack-test: $*" >&2; exit 1; }

cd "$repo"
npm pack --silent --pack-destination "$work" >/dev/null # prepare builds dist/ first
tarball="$(ls "$work"/ldfi-*.tgz)"
app="$work/app"
mkdir "$app" && cd "$app"
echo '{ "name": "app", "private": true, "type": "module" }' >package.json
npm install --prefer-offline --no-audit --no-fund --ignore-scripts --silent "$tarball"

# The command.
npx --no-install ldfi --help | grep -q '^Usage: ldfi check' || fail 'ldfi --help'
ex=node_modules/ldfi/examples/delivery
set +e
npx --no-install ldfi check "$ex/simple.ded" "$ex/spec.ded" -N a,b,c -t 4 -f 2 -o report --json >check.json
status=$?
set -e
[ "$status" = 1 ] || fail "ldfi check exited $status, not 1 (counterexample)"
grep -q '"verdict":"counterexample"' check.json || fail 'ldfi check --json'
[ -s report/index.html ] || fail 'ldfi check wrote no report'

# The API: README's example, type-checked against the installed declarations, then run.
node -e '
  const readme = require("fs").readFileSync(process.argv[1], "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("Use it from TypeScript"));
  require("fs").writeFileSync("example.ts", /```ts\n([\s\S]*?)```/.exec(section)[1]);
  require("fs").writeFileSync("expected.txt", /```text\n([\s\S]*?)```/.exec(section)[1]);
' "$repo/README.md"
cat >tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
    "lib": ["ES2022", "DOM"], "types": [], "strict": true, "noUncheckedIndexedAccess": true
  },
  "files": ["example.ts"]
}
JSON
"$repo/node_modules/.bin/tsc" -p . || fail 'the README example does not type-check against the package'
node example.js >printed.txt
diff -u expected.txt printed.txt || fail 'the README example printed something else'

# ldfi/node: files from disk and the report's directory.
node --input-type=module -e '
  import { check, load } from "ldfi";
  import { fileLoader, writeReport } from "ldfi/node";
  const ex = "node_modules/ldfi/examples/delivery";
  const loaded = load([`${ex}/retry.ded`, `${ex}/spec.ded`], fileLoader);
  const report = await check(loaded, { nodes: ["a", "b", "c"], eot: 6, eff: 3, maxCrashes: 0 });
  if (report.verdict !== "tolerant") throw new Error(`retry delivery: ${report.verdict}`);
  const { files } = await writeReport("api-report", report);
  if (files.length !== 2) throw new Error(`writeReport wrote ${files}`);
' || fail 'ldfi/node'

# The report's client modules, for a browser that renders the report itself.
node --input-type=module -e '
  import { CLIENT_MODULES } from "ldfi";
  for (const m of CLIENT_MODULES) import.meta.resolve(`ldfi/viz/client/${m}`);
' || fail 'ldfi/viz/client/*'

# ldfi playground: the built site served from the installed package (no network beyond this machine).
node node_modules/ldfi/bin/ldfi.js playground --no-open --port 0 >serve.txt &
server=$!
for _ in $(seq 100); do grep -q 'http://' serve.txt && break; sleep 0.1; done
url="$(grep -o 'http://[^ ]*' serve.txt || true)"
node -e '
  const page = await (await fetch(process.argv[1])).text();
  const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page)?.[1];
  if (!page.includes("ldfi playground") || !script) process.exit(1);
  if (!(await fetch(new URL(script, process.argv[1]))).ok) process.exit(1);
' --input-type=module "$url" || fail "ldfi playground did not serve the site (${url:-no address})"
kill -INT "$server" && wait "$server" || fail 'ldfi playground did not stop on Ctrl-C'

echo "pack-test: ok ($(basename "$tarball"): the ldfi command, the API, ldfi/node, the report's client modules, ldfi playground)"
