import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The part of V8's .cpuprofile format used here. */
interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface CallFrame {
  functionName: string;
  url: string;
  /** 0-based, in the generated file. */
  lineNumber: number;
  columnNumber: number;
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
 * called from JavaScript) keep their names. The build bundles packages and PayGraph into shared chunks,
 * so each frame of dist/ is first mapped through its source map to the file it came from.
 */
export function packagesOf(file: string, fromUs: number, toUs: number): PackageShare[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const sources = new SourceMaps();
  const nameOf = new Map(
    profile.nodes.map((node) => [node.id, packageOf(node.callFrame, sources.originalOf(node.callFrame))]),
  );
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

/** The source maps of the bundle's files, read once each. */
export class SourceMaps {
  private readonly maps = new Map<string, SourceMap | undefined>();

  /** The original file of a frame in PayGraph's bundle (a map beside it); otherwise the frame's own url. */
  originalOf(frame: CallFrame): string {
    return this.originalPositionOf(frame).source;
  }

  /** The original file and 1-based line of a frame, mapped as `originalOf` maps it. */
  originalPositionOf(frame: CallFrame): { source: string; line?: number } {
    // A package's own dist/ keeps its package path; its map would name only the package's src/.
    if (
      !frame.url.startsWith('file:') ||
      !frame.url.includes('/dist/') ||
      frame.url.includes('/node_modules/')
    )
      return { source: frame.url, line: frame.url ? frame.lineNumber + 1 : undefined };
    const entry = this.mapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
    return entry && 'originalSource' in entry
      ? { source: entry.originalSource, line: entry.originalLine + 1 }
      : { source: frame.url };
  }

  private mapOf(url: string): SourceMap | undefined {
    if (!this.maps.has(url)) {
      const file = `${fileURLToPath(url)}.map`;
      this.maps.set(
        url,
        existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined,
      );
    }
    return this.maps.get(url);
  }
}

export function packageOf(frame: CallFrame, url: string): string {
  const { functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native: V8 built-ins, JSON, RegExp …)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const own = /(?:^|\/)src\/([^/]+)\//.exec(url) ?? /\/dist\/([^/]+)\//.exec(url);
  if (own) return `paygraph ${own[1]}/`;
  if (url.startsWith('node:')) {
    const path = url.slice('node:'.length).replace(/^internal\/(deps\/)?/, '');
    return `node:${path.split('/')[0]!.replace(/\.js$/, '')}`;
  }
  return url;
}
