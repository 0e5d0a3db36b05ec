import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const RULES_FILE = new URL('../../../deploy/prometheus/alerts.yml', import.meta.url);
const rules = (
  parse(readFileSync(RULES_FILE, 'utf8')) as { groups: { name: string; rules: Rule[] }[] }
).groups.flatMap((group) => group.rules);

/** The metric selectors of a PromQL expression, with the label names each matches on; throws on a syntax error. */
function selectors(expr: string): { metric: string; labels: string[] }[] {
  const tree = parser.parse(expr);
  const found: { metric: string; labels: string[] }[] = [];
  const errors: number[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
      if (node.type.name !== 'VectorSelector') return;
      const metric = node.node.getChild('Identifier');
      const labels = node.node
        .getChild('LabelMatchers')
        ?.getChildren('UnquotedLabelMatcher')
        .map((matcher) => expr.slice(matcher.getChild('LabelName')!.from, matcher.getChild('LabelName')!.to));
      if (metric) found.push({ metric: expr.slice(metric.from, metric.to), labels: labels ?? [] });
    },
  });
  if (errors.length > 0) throw new Error(`PromQL syntax error at ${errors[0]} in: ${expr}`);
  return found;
}

/** Series names and their label names, from a Prometheus text exposition. */
function exposition(text: string): Map<string, Set<string>> {
  const series = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? /.exec(line);
    if (!match) continue;
    const labels = series.get(match[1]!) ?? new Set<string>();
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) labels.add(pair.split('=')[0]!);
    series.set(match[1]!, labels);
  }
  return series;
}

describe('the Prometheus alert rules in deploy/prometheus/alerts.yml', () => {
  let gw: TestGateway;
  let exported: Map<string, Set<string>>;

  beforeAll(async () => {
    gw = await startTestGateway();
    exported = exposition(await (await fetch(`${gw.url}/metrics`)).text());
  });
  afterAll(() => gw?.close());

  it('cover every money-state metric', () => {
    const used = new Set(rules.flatMap((rule) => selectors(rule.expr).map(({ metric }) => metric)));
    const moneyState = [...exported.keys()].filter((name) =>
      /^paygraph_(transactions_open|withdrawals_open|cash_outs|withdrawal_reconciliation|money_state)/.test(
        name,
      ),
    );
    expect(moneyState.length).toBeGreaterThanOrEqual(7);
    expect(moneyState.filter((name) => !used.has(name))).toEqual([]);
  });

  it.each(rules.map((rule) => [rule.alert, rule] as const))(
    '%s parses and names exported metrics and labels',
    (_, rule) => {
      const found = selectors(rule.expr);
      expect(found.length).toBeGreaterThan(0);
      for (const { metric, labels } of found) {
        expect({ metric, exported: exported.has(metric) }).toEqual({ metric, exported: true });
        for (const label of labels)
          expect({ metric, label, known: exported.get(metric)!.has(label) }).toMatchObject({ known: true });
      }
      expect(rule.alert).toMatch(/^PayGraph[A-Z]\w+$/);
      expect(['warning', 'critical']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toBeTruthy();
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
    },
  );

  it('would catch a rule naming a metric the gateway does not export', () => {
    const [unknown] = selectors('max(paygraph_no_such_metric{status="PENDING"}) > 0');
    expect(unknown?.metric).toBe('paygraph_no_such_metric');
    expect(exported.has(unknown!.metric)).toBe(false);
    expect(() => selectors('max(paygraph_transactions_open{status="PENDING"}')).toThrow(
      'PromQL syntax error',
    );
  });
});
