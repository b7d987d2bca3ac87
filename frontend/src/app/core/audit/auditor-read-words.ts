/** How a person reads one `auditor.read` entry: a translation key and its parameters. */
export interface ReadWords {
  key: string;
  params: Record<string, string>;
}

/** The organisation's routes an auditor can read, by their pattern after `/api/organizations/:orgId`. */
const PAGES: [RegExp, string][] = [
  [/^$/, 'organization'],
  [/^\/settings$/, 'settings'],
  [/^\/reports\/completion$/, 'completion'],
  [/^\/audit-log\/entries$/, 'trailEntries'],
  [/^\/audit-log\/verify$/, 'trailVerify'],
  [/^\/audit-log\/trail$/, 'trailView'],
  [/^\/audit-reports$/, 'reports'],
  [/^\/audit-reports\/:id\/pdf$/, 'reportPdf'],
  [/^\/audit-reports\/:id\/downloads$/, 'reportDownloads'],
  [/^\/findings$/, 'findings'],
  [/^\/indicators$/, 'indicators'],
  [/^\/survey-waves$/, 'surveys'],
];

const OBJECTS = [
  'certificate',
  'audit_report',
  'engagement',
  'survey_wave',
  'report',
];

/**
 * "Who read what" in words instead of routes and JSON. The trail stores a route as
 * `GET /api/organizations/:orgId/...` and an object by its type and id; anything not known here is
 * named as "another page" with its route, so nothing is hidden.
 */
export function describeRead(read: {
  targetType: string | null;
  targetId: string | null;
}): ReadWords {
  if (read.targetType === 'route' && read.targetId) {
    const match =
      /^(GET|POST|PUT|PATCH|DELETE) \/api\/organizations\/:orgId(.*)$/.exec(
        read.targetId,
      );
    const page = match
      ? PAGES.find(([pattern]) => pattern.test(match[2]))?.[1]
      : undefined;
    return page
      ? { key: `onboarding.reads.pages.${page}`, params: {} }
      : { key: `onboarding.reads.otherPage`, params: { route: read.targetId } };
  }
  if (read.targetType && OBJECTS.includes(read.targetType)) {
    return {
      key: `onboarding.reads.objects.${read.targetType}`,
      params: { id: read.targetId ?? '' },
    };
  }
  return {
    key: `onboarding.reads.other`,
    params: { type: read.targetType ?? '', id: read.targetId ?? '' },
  };
}
