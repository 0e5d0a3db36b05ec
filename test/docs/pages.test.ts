import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { REPOSITORY } from '../integration/server/gateway-process.js';
import {
  docPages,
  fencesOf,
  headingAnchors,
  readPage,
  runnableFences,
  unaccountedFences,
} from './doc-pages.js';

/** What the doc tests hold the pages to without running anything: see snippets.test.ts for the rest. */
describe('the docs', () => {
  const pages = docPages();

  it('are a short README and a docs/ folder with a page per provider', () => {
    expect(readPage('README.md').split('\n').length).toBeLessThan(150);
    for (const provider of ['nupeye', 'digipay', 'nchl', 'numeropay', 'enayapay'])
      expect(pages).toContain(`docs/providers/${provider}.md`);
    for (const page of ['operations', 'security', 'deployment', 'configuration', 'architecture', 'clients'])
      expect(pages).toContain(`docs/${page}.md`);
  });

  it('run every snippet, or say why it is not run here', () => {
    const unaccounted = pages.flatMap((page) =>
      unaccountedFences(fencesOf(page)).map(
        (fence) => `${page}:${fence.line} (${fence.lang || 'no language'})`,
      ),
    );
    // A new fence needs a language the doc tests run (sh, graphql), to be the json answer under one, or
    // a `<!-- not run here: reason -->` line right before it.
    expect(unaccounted).toEqual([]);
    expect(pages.flatMap((page) => runnableFences(fencesOf(page))).length).toBeGreaterThan(10);
  });

  it('say why in every marker', () => {
    for (const page of pages)
      for (const fence of fencesOf(page))
        if (fence.notRunHere !== undefined) expect(fence.notRunHere.length).toBeGreaterThan(5);
  });

  it('show answers that are JSON', () => {
    for (const page of pages)
      for (const fence of fencesOf(page))
        if (fence.answer) expect(() => JSON.parse(fence.answer!.code) as unknown).not.toThrow();
  });

  it('link to files and headings that exist', () => {
    const broken: string[] = [];
    for (const page of [...pages, 'CONTRIBUTING.md']) {
      const text = readPage(page);
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [path, anchor] = target!.split('#') as [string, string | undefined];
        const file = path ? normalize(join(dirname(page), path)) : page;
        if (!existsSync(join(REPOSITORY, file))) {
          broken.push(`${page}: ${target} (no ${file})`);
          continue;
        }
        if (anchor && file.endsWith('.md') && !headingAnchors(readPage(file)).has(anchor))
          broken.push(`${page}: ${target} (no heading #${anchor} in ${file})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('name repository paths that exist', () => {
    const missing: string[] = [];
    for (const page of pages)
      for (const [, path] of readPage(page).matchAll(
        /`((?:src|test|schema|deploy|packages|scripts|bench)\/[^`\s*]*)`/g,
      )) {
        // `src/providers/<p>/` names a folder per provider: its part before the placeholder must exist.
        const known = path!.replace(/<[^>]+>.*$/, '');
        if (!existsSync(join(REPOSITORY, known))) missing.push(`${page}: ${path}`);
      }
    expect(missing).toEqual([]);
  });

  it('keep the paths CONTRIBUTING.md names', () => {
    const contributing = readPage('CONTRIBUTING.md');
    for (const [, path] of contributing.matchAll(/`(docs\/[^`]+)`/g))
      expect(existsSync(join(REPOSITORY, path!))).toBe(true);
  });
});
