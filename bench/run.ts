// `npm run bench`: every figure the issues ask for, in one run, as markdown on stdout.
import { benchEngine } from './engine.js';
import { benchLineageSizes } from './lineage-sizes.js';
import { benchReport } from './report.js';
import { benchJobs, benchScaling } from './scaling.js';
import { benchSearch } from './search.js';
import { benchSolver } from './solver.js';

const out = (s: string): void => {
  process.stdout.write(s + '\n');
};

out('# ldfi benchmarks\n');
out(`Node ${process.version}, ${new Date().toISOString()}\n`);

out('## Engine: derivations per second, lineage recorded\n');
out('| workload | derivations | tuples | lineage nodes | ms | derivations/s | peak RSS MiB |');
out('| --- | --- | --- | --- | --- | --- | --- |');
for (const f of benchEngine())
  out(
    `| ${f.name} | ${f.derivations} | ${f.tuples} | ${f.lineageNodes} | ${f.ms.toFixed(0)} | ${Math.round(f.perSecond).toLocaleString('en')} | ${f.peakRssMiB.toFixed(0)} |`,
  );

out('\n## Search: executions per protocol and strategy\n');
out(benchSearch());

out('\n## Scaling: certifying ack delivery as nodes and EOT grow\n');
out(benchScaling());

out('\n## --jobs 2 against --jobs 1: ack delivery 8/7/1, Paxos 7/6/1\n');
out(await benchJobs());

out('\n## Solver backends on lineage-shaped formulas\n');
out(await benchSolver());

out(
  "\n## Report: lineage nodes / edges of each example's failure-free run, before and after simplification\n",
);
out(benchLineageSizes());

out('\n## Report\n');
out(await benchReport());
