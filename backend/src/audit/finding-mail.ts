import type { FindingStatus } from './findings.repository';

export type FindingEvent = 'responded' | 'closure_proposed' | 'closed' | 'reopened';
type Lang = 'id' | 'en';

const TEXT = {
  id: {
    events: {
      responded: 'HR telah menanggapi temuan audit',
      closure_proposed: 'HR mengusulkan penutupan temuan audit',
      closed: 'Auditor menutup temuan audit',
      reopened: 'Auditor membuka kembali temuan audit',
    },
    statuses: { open: 'Terbuka', responded: 'Ditanggapi', closure_proposed: 'Diusulkan ditutup', closed: 'Ditutup' },
    severities: { low: 'Rendah', medium: 'Sedang', high: 'Tinggi', critical: 'Kritis' },
    organization: 'Organisasi',
    finding: 'Temuan',
    severity: 'Tingkat',
    due: 'Tenggat',
    status: 'Status',
    open: 'Buka Aman untuk membaca rinciannya',
  },
  en: {
    events: {
      responded: 'HR responded to an audit finding',
      closure_proposed: 'HR proposes closing an audit finding',
      closed: 'The auditor closed an audit finding',
      reopened: 'The auditor reopened an audit finding',
    },
    statuses: { open: 'Open', responded: 'Responded', closure_proposed: 'Closure proposed', closed: 'Closed' },
    severities: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
    organization: 'Organisation',
    finding: 'Finding',
    severity: 'Severity',
    due: 'Due',
    status: 'Status',
    open: 'Open Aman to read the details',
  },
} as const;

/** The notification of a finding's transition, in the recipient's language. */
export function findingMail(
  lang: Lang,
  event: FindingEvent,
  f: { organizationName: string; text: string; severity: string; dueOn: string; status: FindingStatus },
  url: string,
): { subject: string; text: string } {
  const t = TEXT[lang];
  const excerpt = f.text.length > 200 ? `${f.text.slice(0, 199)}…` : f.text;
  const severity = t.severities[f.severity as keyof typeof t.severities] ?? f.severity;
  return {
    subject: `${t.events[event]}: ${f.organizationName}`,
    text: [
      `${t.events[event]}.`,
      '',
      `${t.organization}: ${f.organizationName}`,
      `${t.finding}: ${excerpt}`,
      `${t.severity}: ${severity}`,
      `${t.due}: ${f.dueOn}`,
      `${t.status}: ${t.statuses[f.status]}`,
      '',
      `${t.open}: ${url}`,
    ].join('\n'),
  };
}
