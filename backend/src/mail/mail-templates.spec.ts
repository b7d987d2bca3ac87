import { BadRequestException } from '@nestjs/common';
import { translateMessage } from '../common/i18n/translate';
import {
  composeMail,
  DEFAULT_TEMPLATES,
  LOCALES,
  MAIL_TEMPLATE_KINDS,
  type MailTemplate,
  renderTemplate,
  textToHtml,
  validateTemplate,
} from './mail-templates';

const LINK = 'https://aman.example/learn';
const body = (text: string) => ({ subject: 'Aman: {{module}}', body: text });

/** The 400 validateTemplate throws, as the client reads it. */
function refusal(
  kind: Parameters<typeof validateTemplate>[0],
  input: MailTemplate,
): { message: string; fields: { field: string }[] } {
  try {
    validateTemplate(kind, input);
  } catch (error) {
    if (error instanceof BadRequestException)
      return error.getResponse() as {
        message: string;
        fields: { field: string }[];
      };
    throw error;
  }
  throw new Error('accepted');
}

describe('mail templates', () => {
  it("accepts every default as an author's template would be checked", () => {
    for (const kind of MAIL_TEMPLATE_KINDS)
      for (const lang of LOCALES)
        expect(validateTemplate(kind, DEFAULT_TEMPLATES[kind][lang])).toEqual(
          DEFAULT_TEMPLATES[kind][lang],
        );
  });

  it('puts the link on the marker line only, and never reads a value as a placeholder', () => {
    const sut = renderTemplate(
      {
        subject: 'Hi {{name}}',
        body: 'Dear {{name}},\nGo:\n{{link}}\nBye {{organization}}\n',
      },
      { name: '{{link}}', organization: 'Org' },
      LINK,
    );
    expect(sut.subject).toBe('Hi {{link}}');
    expect(sut.body).toBe(`Dear {{link}},\nGo:\n${LINK}\nBye Org\n`);
  });

  it('appends the link to a stored body that lacks its line (a row edited by hand)', () => {
    expect(
      renderTemplate({ subject: 's', body: 'No link here.\n' }, {}, LINK).body,
    ).toBe(`No link here.\n${LINK}\n`);
  });

  it('refuses unknown placeholders naming the field and the placeholder, in both languages', () => {
    const sut = refusal('reminder', body('Hi {{nama}}\n{{link}}\n'));
    expect(sut.fields).toEqual([
      { field: 'body', message: expect.stringContaining('{{nama}}') },
    ]);
    expect(sut.message).toMatch(
      /^body: unknown placeholder \{\{nama\}\}; use \{\{name\}\}/,
    );
    expect(translateMessage(sut.message, 'id')).toMatch(
      /^body: placeholder \{\{nama\}\} tidak dikenal; gunakan \{\{name\}\}/,
    );
    // {{count}} belongs to escalations, not reminders; {{link}} never in a subject.
    expect(
      refusal('reminder', body('{{count}}\n{{link}}')).fields[0].field,
    ).toBe('body');
    expect(
      refusal('reminder', { subject: 'Go {{link}}', body: '{{link}}' })
        .fields[0].field,
    ).toBe('subject');
  });

  it('refuses a body without the link line, with it twice, or glued to text', () => {
    for (const text of [
      'No link at all',
      '{{link}}\n{{link}}',
      'Click {{link}} now',
      '{{ link }}',
    ]) {
      const sut = refusal('invitation', { subject: 'Aman', body: text });
      expect(sut.message).toBe(
        'body: must hold {{link}} once, on a line of its own: Aman puts the link there',
      );
      expect(translateMessage(sut.message, 'id')).toBe(
        'body: harus memuat {{link}} satu kali, pada barisnya sendiri: di situlah Aman memasang tautannya',
      );
    }
  });

  it('refuses web addresses (a look-alike link), HTML, stray braces, a subject on two lines, and too long texts', () => {
    for (const fake of [
      'http://evil.example/login',
      'HTTPS://x.y',
      'www.evil.example',
      'evil.example/login',
      'javascript:alert(1)',
    ]) {
      expect(
        refusal('reminder', body(`Log in at ${fake}\n{{link}}`)).message,
      ).toContain('must not hold a web address');
    }
    expect(refusal('reminder', body('<b>Hi</b>\n{{link}}')).message).toBe(
      'body: must be plain text, without HTML: remove <b>',
    );
    expect(
      refusal('reminder', body('Hi {{name}\n{{link}}')).fields[0].field,
    ).toBe('body');
    expect(
      refusal('reminder', { subject: 'a\nb', body: '{{link}}' }).message,
    ).toBe('subject: must be one line');
    expect(
      refusal('reminder', { subject: 'x'.repeat(201), body: '{{link}}' })
        .message,
    ).toBe('subject: must be at most 200 characters');
    expect(
      refusal('reminder', { subject: ' ', body: '{{link}}' }).message,
    ).toBe('subject: should not be empty');
    expect(
      refusal('reminder', body(`${'x'.repeat(4000)}\n{{link}}`)).fields[0]
        .field,
    ).toBe('body');
    // Comparisons and e-mail addresses are text, not links or tags.
    expect(() =>
      validateTemplate(
        'reminder',
        body('Ask hr@org.co.id if 3 < 5 days.\n{{link}}'),
      ),
    ).not.toThrow();
  });

  it("composes the recipient's language first with that language's template, the other's below", () => {
    const own = {
      subject: 'Ingat {{module}}',
      body: 'Halo {{name}}, {{timeLeft}}.\n{{link}}\n',
    };
    const facts = {
      recipientName: 'Ayu',
      organizationName: 'Org',
      moduleTitle: { id: 'Modul', en: 'Module' },
      dueOn: '2026-12-31',
      days: 0,
    };
    const sut = composeMail('reminder', facts, 'id', LINK, {
      id: own,
      en: DEFAULT_TEMPLATES.reminder.en,
    });
    expect(sut.subject).toBe('Ingat Modul');
    expect(sut.text).toBe(
      `Halo Ayu, Hari ini batas waktu.\n${LINK}\n\n---\n\nHello Ayu,\n\nToday is the due date to complete the training module "Module" (31 December 2026).\n\nThis training is part of Org's commitment to a workplace free of violence and harassment. Continue at:\n${LINK}\n`,
    );
  });

  it('makes HTML that escapes everything and links only to this installation', () => {
    const sut = textToHtml(
      `Hi <Ayu> & "co"\nhttps://aman.example/learn\nhttps://aman.example.evil.test/x\n\n---\n\nBye`,
      'https://aman.example',
    );
    expect(sut).toContain(
      '<p>Hi &lt;Ayu&gt; &amp; &quot;co&quot;<br>\n<a href="https://aman.example/learn">https://aman.example/learn</a><br>\nhttps://aman.example.evil.test/x</p>',
    );
    expect(sut).toContain('<hr>');
    expect(sut).not.toContain('<Ayu>');
  });
});
