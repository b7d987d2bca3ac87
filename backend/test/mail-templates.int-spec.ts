import { RemindersService } from '../src/assignments/reminders.service';
import { DEFAULT_TEMPLATES } from '../src/mail/mail-templates';
import { MailTemplatesService } from '../src/mail/mail-templates.service';
import { addAssignment, addDays, addEmployee } from './assignment-fixtures';
import {
  api,
  createPlatformAdmin,
  login,
  onboardOrganization,
  PASSWORD,
  startTestApp,
  unique,
  waitForMail,
  type TestApp,
  type TestOrg,
} from './helpers';

const DAY = 86_400_000;

describe('mail templates per organisation (real PostgreSQL, real outbox)', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  const path = (orgId = org.id, rest = '') =>
    `/api/organizations/${orgId}/mail-templates${rest}`;
  const list = async () =>
    (await api(t.url, 'GET', path(), { token: org.hrToken })).body as {
      kind: string;
      lang: string;
      subject: string;
      body: string;
      isDefault: boolean;
    }[];
  const trail = (action: string) =>
    t.dataSource.query(
      `SELECT details FROM audit_entries WHERE organization_id = $1 AND action = $2 ORDER BY id`,
      [org.id, action],
    ) as Promise<{ details: unknown }[]>;
  const outboxTo = (address: string) =>
    t.dataSource.query(
      `SELECT subject, text_body AS text FROM outbox_messages WHERE to_address = $1 ORDER BY created_at`,
      [address],
    ) as Promise<{ subject: string; text: string }[]>;

  beforeAll(async () => {
    t = await startTestApp();
    const adminToken = await login(
      t.url,
      (await createPlatformAdmin(t.dataSource)).email,
      PASSWORD,
    );
    org = await onboardOrganization(t.url, adminToken);
    other = await onboardOrganization(t.url, adminToken);
  });
  afterAll(() => t.close());

  it("lists every kind in both languages, Aman's default flagged, to the organisation's HR admins only", async () => {
    const all = await list();
    expect(all.map((e) => `${e.kind}/${e.lang}`)).toEqual([
      'reminder/id',
      'reminder/en',
      'overdue/id',
      'overdue/en',
      'escalation/id',
      'escalation/en',
      'invitation/id',
      'invitation/en',
    ]);
    expect(all.every((e) => e.isDefault)).toBe(true);
    expect(all[1]).toMatchObject({
      ...DEFAULT_TEMPLATES.reminder.en,
      placeholders: [
        'name',
        'organization',
        'module',
        'dueDate',
        'days',
        'timeLeft',
      ],
    });

    expect(
      (await api(t.url, 'GET', path(), { token: other.hrToken })).status,
    ).toBe(404);
    const staff = await addEmployee(t.dataSource, org.id);
    await t.dataSource.query(
      `UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = $2) WHERE id = $1`,
      [staff.id, org.hrEmail],
    );
    const staffToken = await login(t.url, staff.email, PASSWORD);
    expect(
      (await api(t.url, 'GET', path(), { token: staffToken })).status,
    ).toBe(403);
    expect(
      (
        await api(t.url, 'PUT', path(org.id, '/reminder/en'), {
          token: staffToken,
          body: DEFAULT_TEMPLATES.reminder.en,
        })
      ).status,
    ).toBe(403);
  });

  it("refuses a bad template with 400 naming the field (in the reader's language) and saves nothing", async () => {
    // The HR admin reads Indonesian; English is asked for, to read the messages here.
    const put = (rest: string, body: unknown, query = '?lang=en') =>
      api(t.url, 'PUT', path(org.id, rest) + query, {
        token: org.hrToken,
        body,
      });
    const refused = async (
      rest: string,
      body: unknown,
      field: string,
      query?: string,
    ) => {
      const res = await put(rest, body, query);
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual([
        field,
      ]);
      return res.body.message as string;
    };
    expect(
      await refused(
        '/reminder/en',
        { subject: 'Hi', body: 'Hi {{nama}}\n{{link}}' },
        'body',
      ),
    ).toMatch(/^body: unknown placeholder \{\{nama\}\}/);
    expect(
      await refused(
        '/reminder/en',
        { subject: 'Hi', body: 'Hi {{nama}}\n{{link}}' },
        'body',
        '?lang=id',
      ),
    ).toMatch(/^body: placeholder \{\{nama\}\} tidak dikenal; gunakan/);
    expect(
      await refused(
        '/reminder/en',
        { subject: 'Hi', body: 'Log in at http://evil.test/login\n{{link}}' },
        'body',
      ),
    ).toContain('must not hold a web address');
    expect(
      await refused(
        '/reminder/en',
        { subject: 'Hi', body: 'No link: go to the app.' },
        'body',
      ),
    ).toContain('{{link}} once, on a line of its own');
    expect(
      await refused(
        '/reminder/en',
        { subject: 'Hi', body: 'Click {{link}} now' },
        'body',
      ),
    ).toContain('{{link}} once, on a line of its own');
    expect(
      await refused(
        '/reminder/en',
        { subject: 'Hi', body: '<a href="x">here</a>\n{{link}}' },
        'body',
      ),
    ).toContain('without HTML');
    expect(
      await refused(
        '/reminder/en',
        { subject: 'Two\nlines', body: '{{link}}' },
        'subject',
      ),
    ).toBe('subject: must be one line');
    expect(
      await refused(
        '/reminder/en',
        { subject: 'x'.repeat(201), body: '{{link}}' },
        'subject',
      ),
    ).toContain('200');
    expect(await refused('/reminder/en', { subject: 'Hi' }, 'body')).toContain(
      'body',
    );
    expect(
      await refused('/bogus/en', DEFAULT_TEMPLATES.reminder.en, 'kind'),
    ).toBe('kind: must be one of: reminder, overdue, escalation, invitation');
    expect(
      await refused('/reminder/fr', DEFAULT_TEMPLATES.reminder.en, 'lang'),
    ).toBe('lang: must be one of: id, en');
    const preview = await api(
      t.url,
      'POST',
      path(org.id, '/reminder/en/preview?lang=en'),
      {
        token: org.hrToken,
        body: { subject: 'Hi {{count}}', body: '{{link}}' },
      },
    );
    expect(preview.status).toBe(400);
    expect(preview.body.fields[0].field).toBe('subject');
    expect((await list()).every((e) => e.isDefault)).toBe(true);
    await expect(trail('organization.mail_template_saved')).resolves.toEqual(
      [],
    );
  });

  it('words the sent reminder by the override with the link in place, previews exactly what is sent, and a reset restores the default', async () => {
    const now = new Date('2033-05-10T03:00:00Z'); // 10:00 on 10 May in Jakarta
    const person = await addEmployee(t.dataSource, org.id, {
      name: 'Ayu Lestari',
      locale: 'en',
    });
    await addAssignment(
      t.dataSource,
      org.id,
      person.id,
      'recognising-harassment',
      { dueOn: addDays('2033-05-10', 7) },
    );
    const draft = {
      subject: 'Reminder from {{organization}}: {{module}}',
      body: 'Dear {{name}},\r\n\r\nPlease finish "{{module}}" by {{dueDate}} ({{timeLeft}}).\r\n{{link}}\r\nThank you, the task force.  \r\n\r\n',
    };
    const saved = await api(t.url, 'PUT', path(org.id, '/reminder/en'), {
      token: org.hrToken,
      body: draft,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      kind: 'reminder',
      lang: 'en',
      isDefault: false,
      subject: draft.subject,
      body: 'Dear {{name}},\n\nPlease finish "{{module}}" by {{dueDate}} ({{timeLeft}}).\n{{link}}\nThank you, the task force.\n',
      updatedByName: 'HR Admin',
    });
    await expect(trail('organization.mail_template_saved')).resolves.toEqual([
      { details: { kind: 'reminder', lang: 'en' } },
    ]);

    // An author's attempt at a look-alike link, or at dropping the link, is refused and changes nothing.
    expect(
      (
        await api(t.url, 'PUT', path(org.id, '/reminder/en'), {
          token: org.hrToken,
          body: {
            ...draft,
            body: 'Log in: https://aman.test.evil.example/learn\n{{link}}',
          },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api(t.url, 'PUT', path(org.id, '/reminder/en'), {
          token: org.hrToken,
          body: { ...draft, body: 'Open the app yourself.' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await list()).find((e) => e.kind === 'reminder' && e.lang === 'en')
        ?.body,
    ).toBe(saved.body.body);

    const overHttp = await api(
      t.url,
      'POST',
      path(org.id, '/reminder/en/preview'),
      { token: org.hrToken, body: draft },
    );
    expect(overHttp.status).toBe(200);
    expect(overHttp.body.subject).toBe(
      `Reminder from Org ${org.code}: Recognising Sexual Harassment and Violence at Work`,
    );
    expect(overHttp.body.text).toMatch(
      /^Dear Ayu Lestari,\n\nPlease finish "Recognising Sexual Harassment and Violence at Work" by .+ \(7 day\(s\) left\)\.\nhttp:\/\/aman\.test\/learn\nThank you, the task force\.\n\n---\n\nHalo Ayu Lestari,/,
    );
    expect(overHttp.body.html).toContain(
      '<a href="http://aman.test/learn">http://aman.test/learn</a>',
    );
    // The preview's sample (Ayu, that module, due in 7 days) is this person on this day: it must be the mail that is sent.
    const preview = await t.app
      .get(MailTemplatesService)
      .preview(org.id, 'reminder', 'en', draft, now);

    await expect(
      t.app.get(RemindersService).runDaily(org.id, now),
    ).resolves.toMatchObject({ ran: true, reminders: { dueSoon: 1 } });
    const [queued] = await outboxTo(person.email);
    expect(queued).toEqual({ subject: preview.subject, text: preview.text });
    expect(queued.text).toContain(
      '\nhttp://aman.test/learn\nThank you, the task force.\n',
    );
    const mail = await waitForMail(person.email);
    expect(mail.headers).toContain(`Subject: Reminder from Org ${org.code}:`);
    expect(mail.text).toBe(preview.text);
    expect(mail.html).toBe(preview.html);

    const reset = await api(t.url, 'DELETE', path(org.id, '/reminder/en'), {
      token: org.hrToken,
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({
      ...DEFAULT_TEMPLATES.reminder.en,
      isDefault: true,
      updatedAt: null,
    });
    expect(
      (
        await api(t.url, 'DELETE', path(org.id, '/reminder/en'), {
          token: org.hrToken,
        })
      ).status,
    ).toBe(200);
    await expect(trail('organization.mail_template_reset')).resolves.toEqual([
      { details: { kind: 'reminder', lang: 'en' } },
    ]);

    // Six days later the one-day reminder goes out in Aman's words again.
    await t.app
      .get(RemindersService)
      .runDaily(org.id, new Date(now.getTime() + 6 * DAY));
    const [, second] = await outboxTo(person.email);
    expect(second.subject).toBe(
      'Aman: complete "Recognising Sexual Harassment and Violence at Work" by 17 May 2033',
    );
    expect(second.text).toMatch(
      /^Hello Ayu Lestari,\n\n1 day\(s\) left to complete the training module/,
    );
  });

  it("words HR's invitations by the organisation's template, with a working one-time link on its line", async () => {
    const saved = await api(t.url, 'PUT', path(org.id, '/invitation/id'), {
      token: org.hrToken,
      body: {
        subject: 'Selamat datang di {{organization}}',
        body: 'Halo {{name}},\n\nBuat kata sandi Anda (berlaku {{validity}}):\n{{link}}\n\nSalam, tim SDM {{organization}}.',
      },
    });
    expect(saved.status).toBe(200);
    const unitCode = unique('U');
    expect(
      (
        await api(t.url, 'POST', '/api/units', {
          token: org.hrToken,
          body: { code: unitCode, name: 'Kantor' },
        })
      ).status,
    ).toBe(201);
    const email = `${unique('budi')}@org.test`;
    const created = await api(t.url, 'POST', '/api/users', {
      token: org.hrToken,
      body: { email, name: 'Budi', unitCode },
    });
    expect(created.status).toBe(201);

    const mail = await waitForMail(email);
    expect(mail.headers).toContain(
      `Subject: Selamat datang di Org ${org.code}`,
    );
    expect(mail.text).toMatch(
      new RegExp(
        `^Halo Budi,\\n\\nBuat kata sandi Anda \\(berlaku 3 hari\\):\\nhttp://aman\\.test/set-password\\?token=[A-Za-z0-9_-]+\\n\\nSalam, tim SDM Org ${org.code}\\.\\n\\n---\\n\\nHello Budi,\\n\\nYour Aman account has been created`,
      ),
    );
    // The outbox HR reads holds the wording, never the link.
    const [stored] = await outboxTo(email);
    expect(stored.text).not.toContain('token=');
    expect(
      (
        await api(t.url, 'POST', '/api/auth/password', {
          body: { token: mail.token, password: PASSWORD },
        })
      ).status,
    ).toBe(204);
  });
});
