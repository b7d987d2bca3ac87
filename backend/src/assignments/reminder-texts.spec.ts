import { formatDate, reminderMail, type PersonalReminder } from './reminder-texts';

const facts = (over: Partial<PersonalReminder> = {}): PersonalReminder => ({
  kind: 'assignment.due_soon',
  locale: 'id',
  recipientName: 'Ayu Lestari',
  moduleTitle: { id: 'Mengenali Pelecehan', en: 'Recognising Harassment' },
  dueOn: '2026-12-31',
  days: 7,
  organizationName: 'Dinas Contoh',
  link: 'https://aman.example/learn',
  ...over,
});

describe('reminder texts', () => {
  it("puts the recipient's language first, the other below, and links to /learn", () => {
    const sut = reminderMail(facts());
    expect(sut.subject).toBe('Aman: selesaikan "Mengenali Pelecehan" sebelum 31 Desember 2026');
    const [first, second] = sut.text.split('\n---\n');
    expect(first).toContain('Tinggal 7 hari lagi');
    expect(first).toContain('https://aman.example/learn');
    expect(second).toContain('7 day(s) left to complete the training module "Recognising Harassment" (31 December 2026)');
    const english = reminderMail(facts({ locale: 'en' })).text;
    expect(english.indexOf('Hello')).toBeLessThan(english.indexOf('Halo'));
  });

  it('says "today" on the due date, and counts the days overdue', () => {
    expect(reminderMail(facts({ days: 0, locale: 'en' })).text).toContain('Today is the due date');
    expect(reminderMail(facts({ kind: 'assignment.overdue', days: 3 })).text).toContain('3 hari yang lalu');
  });

  it("lists a leader's escalated people, most overdue first as given, and how many more there are", () => {
    const title = { id: 'Relasi Kuasa', en: 'Power Relations' };
    const sut = reminderMail({
      kind: 'assignment.escalation',
      locale: 'en',
      recipientName: 'Budi',
      organizationName: 'Dinas Contoh',
      link: 'https://aman.example/learn',
      items: [
        { person: 'Siti Rahma', title, dueOn: '2026-11-01', days: 12 },
        { person: 'Rudi', title, dueOn: '2026-11-05', days: 8 },
      ],
      total: 5,
    });
    expect(sut.subject).toBe('Aman: 5 person(s) in your unit are late with their training');
    expect(sut.text).toContain('Hello Budi');
    expect(sut.text).toContain('- Siti Rahma: "Power Relations", due 1 November 2026 (12 day(s) ago)\n- Rudi:');
    expect(sut.text).toContain('... and 3 more.');
    expect(sut.text).toContain('- Siti Rahma: "Relasi Kuasa", jatuh tempo 1 November 2026 (12 hari yang lalu)');
  });

  it('keeps text as written (plain-text mail, no HTML escaping)', () => {
    expect(reminderMail(facts({ recipientName: "O'Neil & <Co>" })).text).toContain("Halo O'Neil & <Co>,");
    expect(formatDate('2024-02-29', 'en')).toBe('29 February 2024');
  });
});
