export const MAIL_TEMPLATE_KINDS = [
  'reminder',
  'overdue',
  'escalation',
  'invitation',
] as const;
export type MailTemplateKind = (typeof MAIL_TEMPLATE_KINDS)[number];
export type MailTemplateLang = 'id' | 'en';

/** `GET /api/organizations/:orgId/mail-templates`: the organisation's own wording, or Aman's default. */
export interface MailTemplate {
  kind: MailTemplateKind;
  lang: MailTemplateLang;
  subject: string;
  body: string;
  isDefault: boolean;
  placeholders: string[];
  updatedAt: string | null;
  updatedByName: string | null;
}

export interface MailTemplateDraft {
  subject: string;
  body: string;
}

/** The server's rendering of a draft with sample facts, as it would be sent. */
export interface MailPreview {
  subject: string;
  text: string;
  html: string;
}

/** `{{name}}`, built here because a template literal of braces reads badly in Angular templates and catalogues. */
export function placeholderToken(name: string): string {
  return `{{${name}}}`;
}

/** The line where the server puts the link. */
export const LINK_MARKER = placeholderToken('link');
