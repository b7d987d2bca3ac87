import { manualReminderMail, type ManualReminderFacts } from './manual-reminder-texts';

const facts = (over: Partial<ManualReminderFacts> = {}): ManualReminderFacts => ({
  locale: 'id',
  recipientName: 'Ayu Lestari',
  senderName: 'Budi Santoso',
  senderRole: 'leader',
  organizationName: 'Dinas Contoh',
  items: [
    { title: { id: 'Mengenali Pelecehan', en: 'Recognising Harassment' }, dueOn: '2026-12-31', overdue: false },
    { title: { id: 'Relasi Kuasa', en: 'Power Relations' }, dueOn: '2026-11-30', overdue: true },
  ],
  link: 'https://aman.example/learn',
  ...over,
});

describe('manual reminder texts', () => {
  it('lists every open module in the recipient’s language only, with the sender and the link', () => {
    const sut = manualReminderMail(facts());
    expect(sut.subject).toBe('Aman: pengingat pelatihan dari Budi Santoso');
    expect(sut.text).toContain('Budi Santoso (pimpinan unit Anda)');
    expect(sut.text).toContain('- "Mengenali Pelecehan", batas waktu 31 Desember 2026\n');
    expect(sut.text).toContain('- "Relasi Kuasa", batas waktu 30 November 2026 (sudah lewat)');
    expect(sut.text).toContain('https://aman.example/learn');
    expect(sut.text).not.toContain('Recognising');
  });

  it('writes English for an English reader and names HR as the sender', () => {
    const sut = manualReminderMail(facts({ locale: 'en', senderRole: 'hr' }));
    expect(sut.subject).toBe('Aman: a training reminder from Budi Santoso');
    expect(sut.text).toContain('Budi Santoso (HR) reminds you');
    expect(sut.text).toContain('"Power Relations", due 30 November 2026 (past due)');
    expect(sut.text).not.toContain('Halo');
  });
});
