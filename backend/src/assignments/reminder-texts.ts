import Handlebars from 'handlebars';

type Locale = 'id' | 'en';
export type ReminderKind = 'assignment.due_soon' | 'assignment.overdue' | 'assignment.escalation';

interface Common {
  /** The recipient's language: their half comes first, the other below. */
  locale: Locale;
  recipientName: string;
  organizationName: string;
  link: string;
}

/** A reminder to the person who has to take the module. */
export interface PersonalReminder extends Common {
  kind: 'assignment.due_soon' | 'assignment.overdue';
  moduleTitle: { id: string; en: string };
  /** YYYY-MM-DD, the organisation's calendar. */
  dueOn: string;
  /** Days left (due soon) or days overdue. */
  days: number;
}

export interface EscalatedItem {
  person: string;
  title: { id: string; en: string };
  dueOn: string;
  days: number;
}

/** A leader's daily digest of the people in their unit newly escalated today. */
export interface EscalationDigest extends Common {
  kind: 'assignment.escalation';
  /** The first few, most overdue first. */
  items: EscalatedItem[];
  /** All of them, listed or not. */
  total: number;
}

export type ReminderFacts = PersonalReminder | EscalationDigest;

/** Plain-text mail, so nothing is HTML-escaped; `strict` turns a missing fact into an error, not a blank. */
const hbs = Handlebars.create();
const compile = (source: string) => hbs.compile(source, { noEscape: true, strict: true });

const SOURCES: Record<ReminderKind, Record<Locale, { subject: string; body: string }>> = {
  'assignment.due_soon': {
    id: {
      subject: 'Aman: selesaikan "{{module}}" sebelum {{dueDate}}',
      body: `Halo {{name}},

{{#if dueToday}}Hari ini batas waktu{{else}}Tinggal {{days}} hari lagi menuju batas waktu{{/if}} untuk menyelesaikan modul pelatihan "{{module}}" ({{dueDate}}).

Pelatihan ini bagian dari komitmen {{organization}} untuk tempat kerja yang bebas dari kekerasan dan pelecehan. Lanjutkan di:
{{link}}
`,
    },
    en: {
      subject: 'Aman: complete "{{module}}" by {{dueDate}}',
      body: `Hello {{name}},

{{#if dueToday}}Today is the due date{{else}}{{days}} day(s) left{{/if}} to complete the training module "{{module}}" ({{dueDate}}).

This training is part of {{organization}}'s commitment to a workplace free of violence and harassment. Continue at:
{{link}}
`,
    },
  },
  'assignment.overdue': {
    id: {
      subject: 'Aman: modul "{{module}}" melewati batas waktu',
      body: `Halo {{name}},

Modul pelatihan "{{module}}" seharusnya selesai pada {{dueDate}} ({{days}} hari yang lalu). Mohon selesaikan sesegera mungkin di:
{{link}}

Jika ada kendala (cuti, akses, waktu kerja), hubungi tim SDM agar batas waktunya dapat disesuaikan.
`,
    },
    en: {
      subject: 'Aman: "{{module}}" is past its due date',
      body: `Hello {{name}},

The training module "{{module}}" was due on {{dueDate}} ({{days}} day(s) ago). Please complete it as soon as you can at:
{{link}}

If something stands in the way (leave, access, working hours), contact HR so the due date can be adjusted.
`,
    },
  },
  'assignment.escalation': {
    id: {
      subject: 'Aman: {{total}} orang di unit Anda terlambat menyelesaikan pelatihan',
      body: `Halo {{name}},

Orang berikut di unit Anda belum menyelesaikan modul pelatihan yang sudah lewat batas waktunya:
{{#each items}}
- {{person}}: "{{module}}", jatuh tempo {{dueDate}} ({{days}} hari yang lalu)
{{/each}}
{{#if more}}
... dan {{more}} lainnya.
{{/if}}

Sebagai pimpinan unit, mohon pastikan mereka mendapat waktu dan dukungan untuk menyelesaikannya. Pesan ini hanya dikirim kepada pimpinan unit yang bersangkutan.
{{link}}
`,
    },
    en: {
      subject: 'Aman: {{total}} person(s) in your unit are late with their training',
      body: `Hello {{name}},

The following people in your unit have not completed a training module that is past its due date:
{{#each items}}
- {{person}}: "{{module}}", due {{dueDate}} ({{days}} day(s) ago)
{{/each}}
{{#if more}}
... and {{more}} more.
{{/if}}

As the unit's leader, please make sure they have the time and support to complete it. This message goes only to the leaders of the unit concerned.
{{link}}
`,
    },
  },
};

const TEMPLATES = Object.fromEntries(
  Object.entries(SOURCES).map(([kind, byLocale]) => [
    kind,
    Object.fromEntries(
      Object.entries(byLocale).map(([locale, t]) => [locale, { subject: compile(t.subject), body: compile(t.body) }]),
    ),
  ]),
) as Record<ReminderKind, Record<Locale, { subject: HandlebarsTemplateDelegate; body: HandlebarsTemplateDelegate }>>;

const DATE_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** A calendar date as people write it, e.g. "31 Desember 2026" / "31 December 2026". */
export function formatDate(isoDate: string, locale: Locale): string {
  return DATE_FORMATS[locale].format(new Date(`${isoDate}T00:00:00Z`));
}

function context(facts: ReminderFacts, locale: Locale) {
  const common = { name: facts.recipientName, organization: facts.organizationName, link: facts.link };
  if (facts.kind === 'assignment.escalation') {
    return {
      ...common,
      total: facts.total,
      more: facts.total - facts.items.length,
      items: facts.items.map((i) => ({ person: i.person, module: i.title[locale], dueDate: formatDate(i.dueOn, locale), days: i.days })),
    };
  }
  return { ...common, module: facts.moduleTitle[locale], dueDate: formatDate(facts.dueOn, locale), dueToday: facts.days === 0, days: facts.days };
}

/** Subject in the recipient's language; body in theirs first, then the other below a rule. */
export function reminderMail(facts: ReminderFacts): { subject: string; text: string } {
  const render = (locale: Locale) => {
    const template = TEMPLATES[facts.kind][locale];
    const values = context(facts, locale);
    return { subject: template.subject(values), body: template.body(values) };
  };
  const own = render(facts.locale);
  const other = render(facts.locale === 'id' ? 'en' : 'id');
  return { subject: own.subject, text: `${own.body}\n---\n\n${other.body}` };
}
