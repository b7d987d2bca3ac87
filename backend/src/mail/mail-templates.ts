import { fieldError } from '../common/validation';

export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];

/**
 * The mails an organisation may word itself: the reminder before (or on) the due date, the one after
 * it, the leader's escalation digest and the invitation HR sends its people (a one-time link to set
 * a password). Invitations the platform sends (first HR admin, auditors, case handlers) and password
 * resets keep Aman's wording: they do not speak for the organisation.
 */
export const MAIL_TEMPLATE_KINDS = [
  'reminder',
  'overdue',
  'escalation',
  'invitation',
] as const;
export type MailTemplateKind = (typeof MAIL_TEMPLATE_KINDS)[number];

export interface MailTemplate {
  subject: string;
  body: string;
}

/** The placeholders an author may use in each kind's subject and body (the link is no placeholder: see LINK). */
export const PLACEHOLDERS: Record<MailTemplateKind, readonly string[]> = {
  reminder: ['name', 'organization', 'module', 'dueDate', 'days', 'timeLeft'],
  overdue: ['name', 'organization', 'module', 'dueDate', 'days'],
  escalation: ['name', 'organization', 'count', 'people'],
  invitation: ['name', 'organization', 'validity'],
};

/**
 * Where the server puts the link. Why a marker the author must keep on a line of its own, and not a
 * placeholder like the others: the server writes the link (a one-time token, or this installation's
 * address) on that line and nothing else, so an author can move it but never edit, glue text to or
 * drop it. Saving refuses a body without the line, with it twice, with it inside a sentence, or with
 * any other web address in the text (a look-alike link would be a phishing lure in a mail that comes
 * from the organisation). Rendering appends the link should a stored body lack the line anyway.
 */
export const LINK = '{{link}}';

export const SUBJECT_MAX = 200;
export const BODY_MAX = 4000;

/** Where each kind's link leads, below PUBLIC_URL; an invitation's link carries its token after this. */
export const LINK_PATHS: Record<MailTemplateKind, string> = {
  reminder: '/learn',
  overdue: '/learn',
  // The leader's digest leads to their team view, where each person's modules and a reminder button are.
  escalation: '/learn/team',
  invitation: '/set-password?token=',
};

/** The wording Aman ships; an organisation's own replaces one (kind, language) at a time. */
export const DEFAULT_TEMPLATES: Record<
  MailTemplateKind,
  Record<Locale, MailTemplate>
> = {
  reminder: {
    id: {
      subject: 'Aman: selesaikan "{{module}}" sebelum {{dueDate}}',
      body: `Halo {{name}},

{{timeLeft}} untuk menyelesaikan modul pelatihan "{{module}}" ({{dueDate}}).

Pelatihan ini bagian dari komitmen {{organization}} untuk tempat kerja yang bebas dari kekerasan dan pelecehan. Lanjutkan di:
{{link}}
`,
    },
    en: {
      subject: 'Aman: complete "{{module}}" by {{dueDate}}',
      body: `Hello {{name}},

{{timeLeft}} to complete the training module "{{module}}" ({{dueDate}}).

This training is part of {{organization}}'s commitment to a workplace free of violence and harassment. Continue at:
{{link}}
`,
    },
  },
  overdue: {
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
  escalation: {
    id: {
      subject:
        'Aman: {{count}} orang di unit Anda terlambat menyelesaikan pelatihan',
      body: `Halo {{name}},

Orang berikut di unit Anda belum menyelesaikan modul pelatihan yang sudah lewat batas waktunya:
{{people}}

Sebagai pimpinan unit, mohon pastikan mereka mendapat waktu dan dukungan untuk menyelesaikannya. Pesan ini hanya dikirim kepada pimpinan unit yang bersangkutan.
{{link}}
`,
    },
    en: {
      subject:
        'Aman: {{count}} person(s) in your unit are late with their training',
      body: `Hello {{name}},

The following people in your unit have not completed a training module that is past its due date:
{{people}}

As the unit's leader, please make sure they have the time and support to complete it. This message goes only to the leaders of the unit concerned.
{{link}}
`,
    },
  },
  invitation: {
    id: {
      subject: 'Aman: buat kata sandi Anda',
      body: `Halo {{name}},

Akun Aman Anda sudah dibuat. Buat kata sandi melalui tautan ini (berlaku {{validity}}, sekali pakai):
{{link}}
`,
    },
    en: {
      subject: 'Aman: set your password',
      body: `Hello {{name}},

Your Aman account has been created. Set your password with this link (valid {{validity}}, one use):
{{link}}
`,
    },
  },
};

/** The templates a mail is written with: the organisation's own where it has one, else the default. */
export type EffectiveTemplates = Record<
  MailTemplateKind,
  Record<Locale, MailTemplate>
>;

// ---- facts → placeholder values -------------------------------------------------------------

interface Common {
  recipientName: string;
  organizationName: string;
}

export interface ModuleReminderFacts extends Common {
  moduleTitle: Record<Locale, string>;
  /** YYYY-MM-DD, the organisation's calendar. */
  dueOn: string;
  /** Days left (reminder) or days overdue. */
  days: number;
}

export interface EscalatedItem {
  person: string;
  title: Record<Locale, string>;
  dueOn: string;
  days: number;
}

export interface EscalationFacts extends Common {
  /** The first few, most overdue first. */
  items: EscalatedItem[];
  /** All of them, listed or not. */
  total: number;
}

export interface InvitationFacts extends Common {
  /** How long the link lives. */
  hours: number;
}

export interface MailFacts {
  reminder: ModuleReminderFacts;
  overdue: ModuleReminderFacts;
  escalation: EscalationFacts;
  invitation: InvitationFacts;
}

const DATE_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** A calendar date as people write it, e.g. "31 Desember 2026" / "31 December 2026". */
export function formatDate(isoDate: string, locale: Locale): string {
  return DATE_FORMATS[locale].format(new Date(`${isoDate}T00:00:00Z`));
}

/** "72 jam" / "7 hari": days once a link lives a whole number of days beyond one. */
export function validity(locale: Locale, hours: number): string {
  const days = hours % 24 === 0 && hours > 24 ? hours / 24 : null;
  if (locale === 'id') return days ? `${days} hari` : `${hours} jam`;
  return days ? `${days} days` : `${hours} hours`;
}

const moduleValues = (f: ModuleReminderFacts, locale: Locale) => ({
  name: f.recipientName,
  organization: f.organizationName,
  module: f.moduleTitle[locale],
  dueDate: formatDate(f.dueOn, locale),
  days: String(f.days),
});

const VALUES: {
  [K in MailTemplateKind]: (
    facts: MailFacts[K],
    locale: Locale,
  ) => Record<string, string>;
} = {
  reminder: (f, locale) => ({
    ...moduleValues(f, locale),
    timeLeft:
      locale === 'id'
        ? f.days === 0
          ? 'Hari ini batas waktu'
          : `Tinggal ${f.days} hari lagi menuju batas waktu`
        : f.days === 0
          ? 'Today is the due date'
          : `${f.days} day(s) left`,
  }),
  overdue: moduleValues,
  escalation: (f, locale) => {
    const lines = f.items.map((i) =>
      locale === 'id'
        ? `- ${i.person}: "${i.title.id}", jatuh tempo ${formatDate(i.dueOn, 'id')} (${i.days} hari yang lalu)`
        : `- ${i.person}: "${i.title.en}", due ${formatDate(i.dueOn, 'en')} (${i.days} day(s) ago)`,
    );
    const more = f.total - f.items.length;
    if (more > 0)
      lines.push(
        locale === 'id' ? `... dan ${more} lainnya.` : `... and ${more} more.`,
      );
    return {
      name: f.recipientName,
      organization: f.organizationName,
      count: String(f.total),
      people: lines.join('\n'),
    };
  },
  invitation: (f, locale) => ({
    name: f.recipientName,
    organization: f.organizationName,
    validity: validity(locale, f.hours),
  }),
};

// ---- rendering ---------------------------------------------------------------------------

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * One pass over the template: a value is never read again for placeholders, so a person named
 * "{{link}}" stays a name. The link goes on the marker's line; a body without one gets it below.
 */
export function renderTemplate(
  template: MailTemplate,
  values: Record<string, string>,
  link: string,
): { subject: string; body: string } {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
  const lines = template.body.split('\n');
  const at = lines.findIndex((line) => line.trim() === LINK);
  const parts =
    at === -1
      ? [template.body.replace(/\s*$/, '\n'), '']
      : [
          lines
            .slice(0, at)
            .map((l) => `${l}\n`)
            .join(''),
          lines.slice(at + 1).join('\n'),
        ];
  // A stray marker elsewhere (only in a row edited by hand) is dropped from the template, never from a value.
  const before = fill(parts[0].replaceAll(LINK, ''));
  const after = fill(parts[1].replaceAll(LINK, ''));
  return {
    subject: fill(template.subject).replace(/\s+/g, ' ').trim(),
    body: `${before}${link}\n${after}`,
  };
}

/**
 * Subject in the recipient's language; body in theirs first, then the other below a rule (both
 * halves from `templates`, the organisation's own or the default), as every mail of Aman's is.
 */
export function composeMail<K extends MailTemplateKind>(
  kind: K,
  facts: MailFacts[K],
  locale: Locale,
  link: string,
  templates: Record<Locale, MailTemplate> = DEFAULT_TEMPLATES[kind],
): { subject: string; text: string } {
  const render = (lang: Locale) =>
    renderTemplate(templates[lang], VALUES[kind](facts, lang), link);
  const own = render(locale);
  const other = render(locale === 'id' ? 'en' : 'id');
  return { subject: own.subject, text: `${own.body}\n---\n\n${other.body}` };
}

// ---- validation ----------------------------------------------------------------------------

const WEB_ADDRESS =
  /[a-z][a-z0-9+.-]*:\/\/\S*|\bwww\.\S*|\b(?:mailto|javascript|data):\S*|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/\S*/i;
const HTML_TAG = /<\s*\/?\s*[a-z!?][^>]*>/i;

/** Line ends as one, trailing blanks gone, one final newline: what was typed, kept as typed otherwise. */
export function normalizeTemplate(input: MailTemplate): MailTemplate {
  return {
    subject: input.subject.trim(),
    body: input.body.replace(/\r\n?/g, '\n').replace(/\s+$/, '') + '\n',
  };
}

/**
 * What an author typed, checked before it is saved or previewed: 400 naming `subject` or `body` and
 * what is wrong (an unknown placeholder by its name). Returns the normalised template.
 */
export function validateTemplate(
  kind: MailTemplateKind,
  input: MailTemplate,
): MailTemplate {
  const template = normalizeTemplate(input);
  const allowed = PLACEHOLDERS[kind];
  for (const [field, text, max] of [
    ['subject', template.subject, SUBJECT_MAX],
    ['body', template.body, BODY_MAX],
  ] as const) {
    if (!text.trim()) throw fieldError(field, 'should not be empty');
    if (text.length > max)
      throw fieldError(field, `must be at most ${max} characters`);
    const tag = HTML_TAG.exec(text);
    if (tag)
      throw fieldError(
        field,
        `must be plain text, without HTML: remove ${tag[0]}`,
      );
    const address = WEB_ADDRESS.exec(text);
    if (address)
      throw fieldError(
        field,
        `must not hold a web address (${address[0]}): Aman puts the one link itself`,
      );
    for (const [whole, name] of text.matchAll(PLACEHOLDER)) {
      if (name === 'link' && field === 'body') continue;
      if (!allowed.includes(name))
        throw fieldError(
          field,
          `unknown placeholder ${whole}; use ${allowed.map((p) => `{{${p}}}`).join(', ')}`,
        );
    }
    if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER, '')))
      throw fieldError(
        field,
        'has a "{{" or "}}" that does not close a placeholder',
      );
  }
  if (/[\r\n]/.test(template.subject))
    throw fieldError('subject', 'must be one line');
  const markers = template.body.match(/\{\{\s*link\s*\}\}/g)?.length ?? 0;
  const ownLines = template.body
    .split('\n')
    .filter((line) => line.trim() === LINK).length;
  if (markers !== 1 || ownLines !== 1)
    throw fieldError(
      'body',
      'must hold {{link}} once, on a line of its own: Aman puts the link there',
    );
  return template;
}

// ---- HTML ------------------------------------------------------------------------------------

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * The HTML part of a plain-text mail: every character escaped, paragraphs kept, and only links to
 * this installation (`publicUrl`) made clickable, so no text in a mail, whoever typed it, becomes a
 * link elsewhere.
 */
export function textToHtml(text: string, publicUrl: string): string {
  const base = publicUrl.replace(/\/$/, '');
  const line = (raw: string) =>
    raw
      .split(/(https?:\/\/\S+)/)
      .map((part, i) => {
        const own =
          i % 2 === 1 &&
          (part === base ||
            part.startsWith(`${base}/`) ||
            part.startsWith(`${base}?`));
        return own
          ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>`
          : escapeHtml(part);
      })
      .join('');
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((block) =>
      block.trim() === '---'
        ? '<hr>'
        : `<p>${block.split('\n').map(line).join('<br>\n')}</p>`,
    );
  return `<!doctype html>\n<html><head><meta charset="utf-8"></head><body style="font-family: sans-serif; line-height: 1.5">\n${blocks.join('\n')}\n</body></html>\n`;
}
