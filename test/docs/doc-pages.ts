import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPOSITORY } from '../integration/server/gateway-process.js';

/** A fenced code block of a page, with what the page says about it. */
export interface Fence {
  page: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  /** The reason of a `<!-- not run here: … -->` comment right before the fence, if any. */
  notRunHere?: string;
  /** The JSON fence that follows, with only prose between them: the answer the page shows. */
  answer?: Fence;
}

/** Languages the doc tests run against the sandbox gateway. */
export const RUNNABLE = new Set(['sh', 'graphql']);

const MARKER = /^<!--\s*not run here:\s*(.+?)\s*-->$/;

/** README.md and every page under docs/, README first, then in path order. */
export function docPages(): string[] {
  const pages: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) pages.push(relative(REPOSITORY, path));
    }
  };
  walk(join(REPOSITORY, 'docs'));
  return ['README.md', ...pages];
}

export function readPage(page: string): string {
  return readFileSync(join(REPOSITORY, page), 'utf8');
}

/** Every fence of a page, each runnable one paired with the JSON answer shown under it. */
export function fencesOf(page: string, text = readPage(page)): Fence[] {
  const lines = text.split('\n');
  const fences: Fence[] = [];
  let lastProse: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const opening = /^```(\S*)\s*$/.exec(lines[index]!);
    if (!opening) {
      if (lines[index]!.trim() !== '') lastProse = lines[index]!.trim();
      continue;
    }
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !/^```\s*$/.test(lines[index]!); index++) body.push(lines[index]!);
    if (index >= lines.length) throw new Error(`${page}:${start + 1}: a fence that never closes`);
    const marker = lastProse ? MARKER.exec(lastProse) : null;
    fences.push({
      page,
      line: start + 1,
      lang: opening[1]!,
      code: body.join('\n'),
      notRunHere: marker?.[1],
    });
    lastProse = undefined;
  }
  for (let i = 0; i + 1 < fences.length; i++) {
    const fence = fences[i]!;
    const next = fences[i + 1]!;
    if (RUNNABLE.has(fence.lang) && !fence.notRunHere && next.lang === 'json' && !next.notRunHere) {
      fence.answer = next;
      i++;
    }
  }
  return fences;
}

/** Fences that are neither run, nor the answer of one that is, nor marked as not run here. */
export function unaccountedFences(fences: Fence[]): Fence[] {
  const answers = new Set(fences.flatMap((fence) => (fence.answer ? [fence.answer] : [])));
  return fences.filter((fence) => !fence.notRunHere && !answers.has(fence) && !RUNNABLE.has(fence.lang));
}

export function runnableFences(fences: Fence[]): Fence[] {
  return fences.filter((fence) => RUNNABLE.has(fence.lang) && !fence.notRunHere);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of text.split('\n')) {
    if (/^```/.test(line)) inFence = !inFence;
    const heading = !inFence && /^#{1,6}\s+(.+?)\s*$/.exec(line);
    if (!heading) continue;
    anchors.add(
      heading[1]!
        .toLowerCase()
        .replace(/[`*_]/g, '')
        .replace(/[^\p{L}\p{N}\s-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}
