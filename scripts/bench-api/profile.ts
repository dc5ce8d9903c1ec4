/**
 * Summarises the .cpuprofile files `node --cpu-prof` wrote for each subgraph: self time per function and per
 * package (node_modules/<package>, node internals, the project's own code, GC, idle), and inclusive time per
 * package (a sample counts for every package on its stack). Printed by `npm run bench:api -- --profile`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** What a frame belongs to: a package, node's internals, the project's code or V8's pseudo-frames. */
function categoryOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node:internals';
  const own = /\/(shared|gateway|subgraphs\/\w+)\/(?:src|dist)\//.exec(url);
  return own ? `doudi:${own[1]}` : url;
}

/**
 * `windows` are the workload's [start, end] in microseconds of the monotonic clock (process.hrtime, which V8's
 * profile timestamps share on Linux): samples outside them (start-up, migrations, the floor) are left out.
 */
export function summariseProfiles(dir: string, services: readonly string[], windows: [number, number][] = []) {
  for (const service of services) {
    const folder = join(dir, service);
    if (!existsSync(folder)) continue;
    const self = new Map<string, number>();
    const byPackage = new Map<string, number>();
    const inclusive = new Map<string, number>();
    const inclusiveFn = new Map<string, number>();
    let total = 0;
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.cpuprofile'))) {
      const profile = JSON.parse(readFileSync(join(folder, file), 'utf8')) as Profile;
      const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const stackCategories = new Map<number, Set<string>>();
      const categoriesOf = (id: number): Set<string> => {
        let set = stackCategories.get(id);
        if (set) return set;
        const p = parent.get(id);
        set = new Set(p === undefined ? [] : categoriesOf(p));
        set.add(categoryOf(nodes.get(id)!.callFrame));
        stackCategories.set(id, set);
        return set;
      };
      const keyOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${categoryOf(n.callFrame)}`;
      let at = profile.startTime;
      profile.samples.forEach((id, i) => {
        at += profile.timeDeltas[i] ?? 0;
        if (windows.length && !windows.some(([from, to]) => at >= from && at <= to)) return;
        const ms = (profile.timeDeltas[i] ?? 0) / 1000;
        const node = nodes.get(id)!;
        const category = categoryOf(node.callFrame);
        if (category === '(idle)') return;
        total += ms;
        const fn = keyOf(node);
        self.set(fn, (self.get(fn) ?? 0) + ms);
        byPackage.set(category, (byPackage.get(category) ?? 0) + ms);
        for (const c of categoriesOf(id)) inclusive.set(c, (inclusive.get(c) ?? 0) + ms);
        const seen = new Set<string>();
        for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) seen.add(keyOf(nodes.get(n)!));
        for (const k of seen) inclusiveFn.set(k, (inclusiveFn.get(k) ?? 0) + ms);
      });
    }
    if (!total) continue;
    const top = (map: Map<string, number>, n: number) =>
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => `    ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
        .join('\n');
    console.log(`\n${service}: ${(total / 1000).toFixed(1)} s of CPU samples (idle excluded)`);
    console.log(`  self time by package:\n${top(byPackage, 14)}`);
    console.log(`  inclusive time by package:\n${top(inclusive, 14)}`);
    console.log(`  self time by function:\n${top(self, 20)}`);
    console.log(
      `  inclusive time by function (project code and named library calls):\n${top(
        new Map([...inclusiveFn].filter(([k]) => !/^\(|^(anonymous)|node:internals$|\(native\)$/.test(k))),
        25,
      )}`,
    );
  }
}
