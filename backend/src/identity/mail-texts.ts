type Locale = 'id' | 'en';

/** Bilingual texts of the identity mails; the recipient's language first, the other below. */
export function passwordLinkMail(
  purpose: 'set' | 'reset',
  locale: Locale,
  name: string,
  link: string,
  hours: number,
): { subject: string; text: string } {
  const texts = {
    id: {
      set: {
        subject: 'Aman: buat kata sandi Anda',
        body: `Halo ${name},\n\nAkun Aman Anda sudah dibuat. Buat kata sandi melalui tautan ini (berlaku ${hours} jam, sekali pakai):\n${link}\n`,
      },
      reset: {
        subject: 'Aman: atur ulang kata sandi',
        body: `Halo ${name},\n\nSeseorang meminta pengaturan ulang kata sandi akun Aman Anda. Jika itu Anda, buka tautan ini (berlaku ${hours} jam, sekali pakai):\n${link}\n\nJika bukan Anda, abaikan email ini; kata sandi Anda tidak berubah.\n`,
      },
    },
    en: {
      set: {
        subject: 'Aman: set your password',
        body: `Hello ${name},\n\nYour Aman account has been created. Set your password with this link (valid ${hours} hours, one use):\n${link}\n`,
      },
      reset: {
        subject: 'Aman: reset your password',
        body: `Hello ${name},\n\nSomeone asked to reset the password of your Aman account. If that was you, open this link (valid ${hours} hours, one use):\n${link}\n\nIf it was not you, ignore this message; your password is unchanged.\n`,
      },
    },
  } as const;
  const other: Locale = locale === 'id' ? 'en' : 'id';
  return {
    subject: texts[locale][purpose].subject,
    text: `${texts[locale][purpose].body}\n---\n\n${texts[other][purpose].body}`,
  };
}
