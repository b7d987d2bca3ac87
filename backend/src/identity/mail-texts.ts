type Locale = 'id' | 'en';
export type LinkPurpose = 'set' | 'reset' | 'invite';

/** "72 jam" / "7 hari": days once a link lives a whole number of days beyond one. */
function validity(locale: Locale, hours: number): string {
  const days = hours % 24 === 0 && hours > 24 ? hours / 24 : null;
  if (locale === 'id') return days ? `${days} hari` : `${hours} jam`;
  return days ? `${days} days` : `${hours} hours`;
}

/** Bilingual texts of the identity mails; the recipient's language first, the other below. */
export function passwordLinkMail(
  purpose: LinkPurpose,
  locale: Locale,
  name: string,
  link: string,
  hours: number,
): { subject: string; text: string } {
  const id = validity('id', hours);
  const en = validity('en', hours);
  const texts = {
    id: {
      set: {
        subject: 'Aman: buat kata sandi Anda',
        body: `Halo ${name},\n\nAkun Aman Anda sudah dibuat. Buat kata sandi melalui tautan ini (berlaku ${id}, sekali pakai):\n${link}\n`,
      },
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
      set: {
        subject: 'Aman: set your password',
        body: `Hello ${name},\n\nYour Aman account has been created. Set your password with this link (valid ${en}, one use):\n${link}\n`,
      },
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
