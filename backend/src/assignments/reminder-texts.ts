import {
  composeMail,
  DEFAULT_TEMPLATES,
  type EffectiveTemplates,
  type EscalatedItem,
  type Locale,
  type MailTemplateKind,
} from '../mail/mail-templates';

export { formatDate, type EscalatedItem } from '../mail/mail-templates';

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

/** A leader's daily digest of the people in their unit newly escalated today. */
export interface EscalationDigest extends Common {
  kind: 'assignment.escalation';
  /** The first few, most overdue first. */
  items: EscalatedItem[];
  /** All of them, listed or not. */
  total: number;
}

export type ReminderFacts = PersonalReminder | EscalationDigest;

/** Which of the organisation's editable templates words each reminder. */
export const TEMPLATE_OF: Record<ReminderKind, MailTemplateKind> = {
  'assignment.due_soon': 'reminder',
  'assignment.overdue': 'overdue',
  'assignment.escalation': 'escalation',
};

/**
 * Subject in the recipient's language; body in theirs first, then the other below a rule. Worded by
 * `templates` (the organisation's own where it has them), else by Aman's defaults.
 */
export function reminderMail(facts: ReminderFacts, templates: Pick<EffectiveTemplates, 'reminder' | 'overdue' | 'escalation'> = DEFAULT_TEMPLATES): { subject: string; text: string } {
  if (facts.kind === 'assignment.escalation') return composeMail('escalation', facts, facts.locale, facts.link, templates.escalation);
  const kind = TEMPLATE_OF[facts.kind] as 'reminder' | 'overdue';
  return composeMail(kind, facts, facts.locale, facts.link, templates[kind]);
}
