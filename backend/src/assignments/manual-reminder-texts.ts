import Handlebars from 'handlebars';
import { formatDate } from './reminder-texts';

type Locale = 'id' | 'en';

export const MANUAL_REMINDER_KIND = 'assignment.manual_reminder';

export interface OpenItem {
  title: { id: string; en: string };
  /** YYYY-MM-DD, the organisation's calendar. */
  dueOn: string;
  overdue: boolean;
}

/** A reminder someone (the person's leader or HR) sent by hand, listing every module still open. */
export interface ManualReminderFacts {
  locale: Locale;
  recipientName: string;
  senderName: string;
  /** Who sends it, as the recipient should read it: their leader or HR. */
  senderRole: 'leader' | 'hr';
  organizationName: string;
  items: OpenItem[];
  link: string;
}

const hbs = Handlebars.create();
const compile = (source: string) => hbs.compile(source, { noEscape: true, strict: true });

const SOURCES: Record<Locale, { subject: string; body: string }> = {
  id: {
    subject: 'Aman: pengingat pelatihan dari {{sender}}',
    body: `Halo {{name}},

{{sender}} ({{senderRole}}) mengingatkan Anda untuk menyelesaikan pelatihan berikut:
{{#each items}}
- "{{module}}", batas waktu {{dueDate}}{{#if overdue}} (sudah lewat){{/if}}
{{/each}}

Pelatihan ini bagian dari komitmen {{organization}} untuk tempat kerja yang bebas dari kekerasan dan pelecehan. Lanjutkan di:
{{link}}

Jika ada kendala (cuti, akses, waktu kerja), hubungi tim SDM agar batas waktunya dapat disesuaikan.
`,
  },
  en: {
    subject: 'Aman: a training reminder from {{sender}}',
    body: `Hello {{name}},

{{sender}} ({{senderRole}}) reminds you to complete this training:
{{#each items}}
- "{{module}}", due {{dueDate}}{{#if overdue}} (past due){{/if}}
{{/each}}

This training is part of {{organization}}'s commitment to a workplace free of violence and harassment. Continue at:
{{link}}

If something stands in the way (leave, access, working hours), contact HR so the due date can be adjusted.
`,
  },
};

const ROLE_NAMES: Record<Locale, Record<ManualReminderFacts['senderRole'], string>> = {
  id: { leader: 'pimpinan unit Anda', hr: 'tim SDM' },
  en: { leader: 'your unit leader', hr: 'HR' },
};

const TEMPLATES = Object.fromEntries(
  Object.entries(SOURCES).map(([locale, t]) => [locale, { subject: compile(t.subject), body: compile(t.body) }]),
) as Record<Locale, { subject: HandlebarsTemplateDelegate; body: HandlebarsTemplateDelegate }>;

/** Plain text in the recipient's language only. */
export function manualReminderMail(facts: ManualReminderFacts): { subject: string; text: string } {
  const locale = facts.locale;
  const values = {
    name: facts.recipientName,
    sender: facts.senderName,
    senderRole: ROLE_NAMES[locale][facts.senderRole],
    organization: facts.organizationName,
    link: facts.link,
    items: facts.items.map((i) => ({ module: i.title[locale], dueDate: formatDate(i.dueOn, locale), overdue: i.overdue })),
  };
  return { subject: TEMPLATES[locale].subject(values), text: TEMPLATES[locale].body(values) };
}
