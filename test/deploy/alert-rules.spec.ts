import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readYamlDocuments } from './yaml-documents.reader';

const ROOT = join(__dirname, '..', '..');
const RULE_FILE = join(ROOT, 'k8s', 'base', 'isams-sync.prometheusrule.yaml');
const RULE_TESTS = join(ROOT, 'k8s', 'test', 'alerts.test.yaml');
const RUNBOOK = join(ROOT, 'docs', 'runbook.md');

interface AlertRule {
  alert: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface PrometheusRule {
  kind: string;
  spec: { groups: Array<{ name: string; rules: AlertRule[] }> };
}

const [rule] = readYamlDocuments(RULE_FILE) as PrometheusRule[];
const alerts = rule.spec.groups.flatMap((g) => g.rules);

/** GitHub's anchor for a markdown heading: lower case, spaces to dashes, punctuation dropped. */
function anchorsOf(markdown: string): Set<string> {
  const headings = markdown.split('\n').filter((l) => /^#{1,6} /.test(l));
  return new Set(
    headings.map((h) =>
      h
        .replace(/^#+ /, '')
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, '')
        .replace(/ /g, '-'),
    ),
  );
}

/** promtool on the rule groups as Prometheus itself would load them (without the CRD wrapper). */
function promtool(...args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'isams-sync-rules-'));
  try {
    writeFileSync(join(dir, 'rules.yaml'), stringify({ groups: rule.spec.groups }));
    copyFileSync(RULE_TESTS, join(dir, 'alerts.test.yaml'));
    return execFileSync('promtool', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('alert rules (k8s/base/isams-sync.prometheusrule.yaml)', () => {
  it('is a PrometheusRule with the alerts the issue asks for', () => {
    expect(rule.kind).toBe('PrometheusRule');
    expect(alerts.map((a) => a.alert).sort()).toEqual(
      [
        'IsamsSyncAppDown',
        'IsamsSyncAppNotReady',
        'IsamsSyncAttendanceFailing',
        'IsamsSyncBreakerOpen',
        'IsamsSyncDatasetFailingNightly',
        'IsamsSyncDeadLetters',
        'IsamsSyncOutboxBacklogGrowing',
        'IsamsSyncRunHeldTooLong',
        'IsamsSyncSchoolNotSynced',
      ].sort(),
    );
  });

  it.each(alerts.map((a) => [a.alert, a]))(
    '%s has a summary, a description, a severity and a runbook section',
    (_name, alert) => {
      expect(alert.annotations?.summary).toBeTruthy();
      expect(alert.annotations?.description).toBeTruthy();
      expect(['warning', 'critical']).toContain(alert.labels?.severity);
      // a per-school alert names the school in what a person reads
      if (/by \([^)]*school/.test(alert.expr)) expect(alert.annotations?.description).toContain('{{ $labels.school }}');
      const [file, anchor] = (alert.annotations?.runbook_url ?? '').split('#');
      expect(file).toBe('docs/runbook.md');
      expect(anchorsOf(readFileSync(RUNBOOK, 'utf8'))).toContain(anchor);
    },
  );

  it('every alert has a promtool case in which it fires', () => {
    const tests = readFileSync(RULE_TESTS, 'utf8');
    for (const { alert } of alerts)
      expect(tests).toMatch(new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:\\n\\s+- exp_labels`));
  });

  it('passes promtool check rules', () => {
    expect(promtool('check', 'rules', 'rules.yaml')).toContain(`SUCCESS: ${alerts.length} rules found`);
  });

  it('passes promtool test rules (k8s/test/alerts.test.yaml)', () => {
    expect(promtool('test', 'rules', 'alerts.test.yaml')).toContain('SUCCESS');
  });
});
