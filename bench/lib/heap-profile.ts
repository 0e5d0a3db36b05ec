import { packageOf, SourceMaps, type CallFrame } from './cpu-profile.js';

/** The part of V8's sampling heap profile (HeapProfiler.stopSampling) used here. */
export interface HeapProfile {
  head: HeapNode;
}

interface HeapNode {
  callFrame: CallFrame;
  /** Bytes V8 estimates were allocated in this frame itself, from its samples. */
  selfSize: number;
  children: HeapNode[];
}

export interface AllocationShare {
  name: string;
  bytes: number;
}

export interface Allocations {
  totalBytes: number;
  byPackage: AllocationShare[];
  /** Frames by self allocation, named `function (original file:line)`. */
  byFunction: AllocationShare[];
}

/** A sampling heap profile's bytes by package (as the CPU profile groups time) and by function. */
export function allocationsOf({ head }: HeapProfile): Allocations {
  const sources = new SourceMaps();
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalBytes = 0;
  const add = (into: Map<string, number>, name: string, bytes: number) =>
    into.set(name, (into.get(name) ?? 0) + bytes);
  // A built-in (Promise.all, Array.prototype.sort, new Map …) is named with the function calling it.
  const visit = (node: HeapNode, caller: string) => {
    const { source, line } = sources.originalPositionOf(node.callFrame);
    const where = `${source.replace(/^.*?\/(node_modules|src)\//, '$1/')}${line ? `:${line}` : ''}`;
    const name = `${node.callFrame.functionName || '(anonymous)'} (${where})`;
    if (node.selfSize > 0) {
      totalBytes += node.selfSize;
      add(byPackage, packageOf(node.callFrame, source), node.selfSize);
      add(byFunction, source ? name : `${name} in ${caller}`, node.selfSize);
    }
    for (const child of node.children) visit(child, source ? name : caller);
  };
  visit(head, '(root)');
  const sorted = (from: Map<string, number>) =>
    [...from].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
  return { totalBytes, byPackage: sorted(byPackage), byFunction: sorted(byFunction) };
}
