import { composeMail, type Locale, type MailTemplate, validity } from '../mail/mail-templates';

export type LinkPurpose = 'set' | 'reset' | 'invite';

/** An organisation's own wording of its invitations (MailTemplatesService), with its name for `{{organization}}`. */
export interface InvitationWording {
  organizationName: string;
  templates: Record<Locale, MailTemplate>;
}

/**
 * Bilingual texts of the identity mails; the recipient's language first, the other below. The
 * invitation HR sends its people (`set`) is worded by the organisation's template
 * (mail/mail-templates.ts), else Aman's default.
 */
export function passwordLinkMail(
  purpose: LinkPurpose,
  locale: Locale,
  name: string,
  link: string,
  hours: number,
  wording?: InvitationWording,
): { subject: string; text: string } {
  if (purpose === 'set') {
    return composeMail('invitation', { recipientName: name, organizationName: wording?.organizationName ?? '', hours }, locale, link, wording?.templates);
  }
  const id = validity('id', hours);
  const en = validity('en', hours);
  const texts = {
    id: {
      invite: {
        subject: 'Aman: undangan ke akun Anda',
        body: `Halo ${name},\n\nAnda diundang ke Aman. Buat kata sandi melalui tautan ini (berlaku ${id}, sekali pakai):\n${link}\n\nJangan teruskan email ini: tautan ini hanya untuk Anda.\n`,
      },
      reset: {
        subject: 'Aman: atur ulang kata sandi',
        body: `Halo ${name},\n\nSeseorang meminta pengaturan ulang kata sandi akun Aman Anda. Jika itu Anda, buka tautan ini (berlaku ${id}, sekali pakai):\n${link}\n\nJika bukan Anda, abaikan email ini; kata sandi Anda tidak berubah.\n`,
      },
    },
    en: {
      invite: {
        subject: 'Aman: your invitation',
        body: `Hello ${name},\n\nYou have been invited to Aman. Set your password with this link (valid ${en}, one use):\n${link}\n\nDo not forward this message: the link is for you only.\n`,
      },
      reset: {
        subject: 'Aman: reset your password',
        body: `Hello ${name},\n\nSomeone asked to reset the password of your Aman account. If that was you, open this link (valid ${en}, one use):\n${link}\n\nIf it was not you, ignore this message; your password is unchanged.\n`,
      },
    },
  } as const;
  const other: Locale = locale === 'id' ? 'en' : 'id';
  return {
    subject: texts[locale][purpose].subject,
    text: `${texts[locale][purpose].body}\n---\n\n${texts[other][purpose].body}`,
  };
}
