import en from '../../../../public/i18n/en.json';
import id from '../../../../public/i18n/id.json';
import {
  FINDING_STATUSES,
  Finding,
  GROUP_BYS,
  REPORT_STATUSES,
  SEVERITIES,
  isOverdue,
} from './audit-models';

function has(tree: object, key: string): boolean {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node))
      return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node.trim() !== '';
}

describe('audit models', () => {
  it('has a text in both languages for every value the API sends', () => {
    const keys = [
      ...SEVERITIES.map((s) => `audit.severity.${s}`),
      ...FINDING_STATUSES.map((s) => `audit.findingState.${s}`),
      ...REPORT_STATUSES.map((s) => `audit.reportStatus.${s}`),
      ...GROUP_BYS.map((g) => `audit.groupBy.${g}`),
    ];
    expect(keys.filter((key) => !has(en, key) || !has(id, key))).toEqual([]);
  });

  it('counts a finding as overdue only while it is not closed', () => {
    const finding = { dueOn: '2026-03-31', status: 'open' } as Finding;
    expect(isOverdue(finding, '2026-03-31')).toBe(false);
    expect(isOverdue(finding, '2026-04-01')).toBe(true);
    for (const status of ['responded', 'closure_proposed'] as const)
      expect(isOverdue({ ...finding, status }, '2026-04-01')).toBe(true);
    expect(isOverdue({ ...finding, status: 'closed' }, '2026-04-01')).toBe(
      false,
    );
  });
});
