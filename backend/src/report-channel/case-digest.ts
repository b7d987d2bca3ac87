/** The daily notice to a recipient: how many cases wait, never which or what. */
export function caseDigestMail(locale: 'id' | 'en', name: string, unread: number, url: string): { subject: string; text: string } {
  if (locale === 'en') {
    return {
      subject: 'Aman: confidential cases are waiting for you',
      text:
        `Hello ${name},\n\n${unread} confidential case(s) have news you have not read yet (a new report or a new message).\n` +
        `Sign in to read them: ${url}\n\nThis notice holds no content on purpose and is sent at most once a day.\n`,
    };
  }
  return {
    subject: 'Aman: ada kasus rahasia yang menunggu Anda',
    text:
      `Halo ${name},\n\n${unread} kasus rahasia memiliki kabar yang belum Anda baca (laporan baru atau pesan baru).\n` +
      `Masuk untuk membacanya: ${url}\n\nPemberitahuan ini sengaja tidak memuat isi apa pun dan dikirim paling banyak sekali sehari.\n`,
  };
}
