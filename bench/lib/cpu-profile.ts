import { readFileSync } from 'node:fs';

/** The part of V8's .cpuprofile format used here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface PackageShare {
  name: string;
  /** Share of the busy samples (idle left out), in %. */
  percent: number;
}

/**
 * Self time of a `--cpu-prof` profile by package, counting only the samples taken between `fromUs` and
 * `toUs` (CLOCK_MONOTONIC µs, the clock of V8's profile and of process.hrtime in every process here):
 * the load, not start-up. node_modules code goes to its package, PayGraph's own compiled code to
 * `paygraph <layer>`, Node's own JavaScript to `node:<module>`, and V8's entries (GC, native code
 * called from JavaScript) keep their names.
 */
export function packagesOf(file: string, fromUs: number, toUs: number): PackageShare[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nameOf = new Map(profile.nodes.map((node) => [node.id, packageOf(node.callFrame)]));
  const counts = new Map<string, number>();
  let at = profile.startTime;
  let busy = 0;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at < fromUs || at > toUs) return;
    const name = nameOf.get(id) ?? '(unknown)';
    if (name === '(idle)') return;
    busy += 1;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return [...counts]
    .map(([name, count]) => ({ name, percent: (100 * count) / Math.max(1, busy) }))
    .sort((a, b) => b.percent - a.percent);
}

function packageOf(frame: { functionName: string; url: string }): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native: V8 built-ins, JSON, RegExp …)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const own = /\/dist\/([^/]+)\//.exec(url);
  if (own) return `paygraph ${own[1]}/`;
  if (url.startsWith('node:')) {
    const path = url.slice('node:'.length).replace(/^internal\/(deps\/)?/, '');
    return `node:${path.split('/')[0]!.replace(/\.js$/, '')}`;
  }
  return url;
}
