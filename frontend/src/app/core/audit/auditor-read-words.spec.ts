import en from '../../../../public/i18n/en.json';
import id from '../../../../public/i18n/id.json';
import { describeRead } from './auditor-read-words';

function text(catalog: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object'
          ? (node as Record<string, unknown>)[part]
          : undefined,
      catalog,
    );
}

describe('describeRead', () => {
  const routes = [
    '',
    '/settings',
    '/reports/completion',
    '/audit-log/entries',
    '/audit-log/verify',
    '/audit-log/trail',
    '/audit-reports',
    '/audit-reports/:id/pdf',
    '/audit-reports/:id/downloads',
    '/findings',
    '/indicators',
    '/survey-waves',
  ];

  it('names every route an auditor reads, and every object, with a text in both languages', () => {
    const reads = [
      ...routes.map((r) => ({
        targetType: 'route',
        targetId: `GET /api/organizations/:orgId${r}`,
      })),
      ...[
        'certificate',
        'audit_report',
        'engagement',
        'survey_wave',
        'report',
      ].map((type) => ({ targetType: type, targetId: 'x' })),
    ];
    for (const read of reads) {
      const { key } = describeRead(read);
      expect(key).not.toMatch(/other/);
      expect(typeof text(en, key)).toBe('string');
      expect(typeof text(id, key)).toBe('string');
    }
  });

  it('keeps an unknown route visible as another page', () => {
    expect(
      describeRead({
        targetType: 'route',
        targetId: 'GET /api/organizations/:orgId/new-thing',
      }),
    ).toEqual({
      key: 'onboarding.reads.otherPage',
      params: { route: 'GET /api/organizations/:orgId/new-thing' },
    });
  });
});
