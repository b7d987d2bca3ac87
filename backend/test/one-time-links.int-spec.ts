import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PasswordLinksService } from '../src/identity/password-links.service';
import { ONE_TIME_LINK, OutboxService } from '../src/mail/outbox.service';
import { SecretBox, secretsKeyFile } from '../src/mail/secret-box';
import {
  addPerson,
  api,
  createPlatformAdmin,
  login,
  mailsTo,
  onboardOrganization,
  PASSWORD,
  startTestApp,
  unique,
  waitForMail,
  type TestApp,
  type TestOrg,
} from './helpers';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('one-time links reach only their owner (real app, real PostgreSQL, no SMTP)', () => {
  let t: TestApp;
  let org: TestOrg;
  const dataDir = process.env['TEST_DATA_DIR']!;
  /** Each test speaks from its own client address, so per-address limits of one test do not touch another. */
  const from = () => ({ 'x-forwarded-for': `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
  const reset = (email: string, headers = from()) => api(t.url, 'POST', '/api/auth/password-reset', { body: { email }, headers });
  const links = () => t.app.get(PasswordLinksService);

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
  });
  afterAll(() => t.close());

  it('keeps the link out of the stored message and the outbox API, sealed beside it until the mail is written, then erased', async () => {
    const person = await addPerson(t.dataSource, org.id, { password: true });
    // Looked at inside the issuing transaction, before any worker can send the message.
    const stored = await t.dataSource.transaction(async (m) => {
      await links().issue(m, 'reset', { userId: person.id, organizationId: org.id, email: person.email, name: 'Test Person', locale: 'id' });
      const [row] = await m.query(
        `SELECT o.id, o.text_body, o.sent_at, s.ciphertext FROM outbox_messages o JOIN outbox_secrets s ON s.message_id = o.id
          WHERE o.to_address = $1 AND o.kind = 'password_reset'`,
        [person.email],
      );
      return row as { id: string; text_body: string; sent_at: Date | null; ciphertext: Buffer };
    });
    expect(stored.sent_at).toBeNull();
    expect(stored.text_body).toContain(ONE_TIME_LINK);
    expect(stored.text_body).not.toMatch(/token=|set-password/);
    // The sealed link opens only with the key file and for its own message.
    const box = t.app.get(SecretBox);
    const sealedLink = box.open(stored.ciphertext, `outbox:${stored.id}`);
    expect(sealedLink).toMatch(/^http:\/\/aman\.test\/set-password\?token=[A-Za-z0-9_-]{43}$/);
    expect(() => box.open(stored.ciphertext, `outbox:${org.id}`)).toThrow();
    expect(stored.ciphertext.toString('latin1')).not.toContain(sealedLink.split('token=')[1]);
    expect(statSync(secretsKeyFile(dataDir)).mode & 0o777).toBe(0o600);

    const mail = await waitForMail(person.email);
    expect(mail.link).toBe(sealedLink);
    const listed = await api(t.url, 'GET', '/api/outbox?pageSize=100', { token: org.hrToken });
    const item = listed.body.items.find((m: { to: string }) => m.to === person.email);
    expect(item.text).toContain(ONE_TIME_LINK);
    expect(JSON.stringify(listed.body)).not.toContain(mail.token);
    // The database keeps only the token's sha256, and no copy of the link once the mail is written.
    const [token] = await t.dataSource.query(`SELECT token_hash FROM password_tokens WHERE user_id = $1`, [person.id]);
    expect(token.token_hash).toBe(sha256(mail.token!));
    await expect(t.dataSource.query(`SELECT 1 FROM outbox_secrets WHERE message_id = $1`, [stored.id])).resolves.toHaveLength(0);
    const [body] = await t.dataSource.query(`SELECT text_body FROM outbox_messages WHERE id = $1`, [stored.id]);
    expect(body.text_body).not.toContain(mail.token);
    expect((await api(t.url, 'POST', '/api/auth/password', { body: { token: mail.token, password: 'brand-new-pass-1' } })).status).toBe(204);
  });

  it('writes every mail as an RFC 822 file in DATA_DIR/mail readable by the operator only, and the outbox says mail is not configured', async () => {
    const person = await addPerson(t.dataSource, org.id, { password: true });
    await reset(person.email);
    const mail = await waitForMail(person.email);
    expect(mail.file).toBe(join(dataDir, 'mail', `${/^Message-ID: <([0-9a-f-]{36})@aman>$/im.exec(mail.headers)![1]}.eml`));
    expect(statSync(mail.file).mode & 0o777).toBe(0o600);
    for (const header of [/^From: Aman <no-reply@aman\.local>$/m, new RegExp(`^To: ${person.email}$`, 'm'), /^Subject: Aman: atur ulang kata sandi$/m, /^Date: /m, /^MIME-Version: 1\.0$/m, /^Content-Type: multipart\/alternative;/m]) {
      expect(mail.headers).toMatch(header);
    }
    // A text part and an HTML part made from it, both quoted-printable.
    expect(readFileSync(mail.file, 'utf8').match(/^Content-Transfer-Encoding: quoted-printable$/gm)).toHaveLength(2);
    expect(mail.html).toContain('Halo Test Person');
    expect(mail.text).toContain('Halo Test Person');
    const listed = await api(t.url, 'GET', '/api/outbox', { token: org.hrToken });
    expect(listed.body.mailConfigured).toBe(false);
    expect(listed.body.items.find((m: { to: string }) => m.to === person.email).status).toBe('stored');
  });

  it('drops a sealed link that expired before its mail went out', async () => {
    const outbox = t.app.get(OutboxService);
    const to = `${unique('late')}@org.test`;
    await t.dataSource.transaction((m) =>
      outbox.enqueue(m, { organizationId: org.id, to, subject: 'Late', text: `Open ${ONE_TIME_LINK}`, kind: 'test', secret: { value: 'http://aman.test/set-password?token=secret-token', expiresAt: new Date(Date.now() - 1000) } }),
    );
    const mail = await waitForMail(to);
    expect(mail.text).toContain('expired before the mail could be sent');
    expect(mail.text).toContain('tautan ini kedaluwarsa sebelum email terkirim');
    expect(mail.text).not.toContain('secret-token');
    // The mail file is written before the sending transaction that deletes the secret commits: wait
    // for that commit rather than read in between.
    const secretsLeft = () =>
      t.dataSource.query(`SELECT 1 FROM outbox_secrets s JOIN outbox_messages o ON o.id = s.message_id WHERE o.to_address = $1`, [to]);
    for (let i = 0; i < 50 && (await secretsLeft()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    await expect(secretsLeft()).resolves.toHaveLength(0);
  });

  it('voids every older link when a new one is issued, when the password is set or changed, and on deactivation', async () => {
    const person = await addPerson(t.dataSource, org.id, { password: true });
    const tokenOf = async (seen: number) => (await waitForMail(person.email, seen)).token!;
    await reset(person.email);
    const first = await tokenOf(0);
    await reset(person.email);
    const second = await tokenOf(1);
    const bad = await api(t.url, 'POST', '/api/auth/password', { body: { token: first, password: 'another-pass-123' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: 'token', message: expect.any(String) }]);
    await reset(person.email);
    const third = await tokenOf(2);
    expect((await api(t.url, 'POST', '/api/auth/password', { body: { token: second, password: 'another-pass-123' } })).status).toBe(400);
    expect((await api(t.url, 'POST', '/api/auth/password', { body: { token: third, password: 'another-pass-123' } })).status).toBe(204);
    expect((await api(t.url, 'POST', '/api/auth/password', { body: { token: third, password: 'another-pass-456' } })).status).toBe(400);

    // A password change voids links too.
    const second2 = await addPerson(t.dataSource, org.id, { password: true });
    await reset(second2.email);
    const pending = (await waitForMail(second2.email)).token!;
    const session = await login(t.url, second2.email, PASSWORD);
    expect((await api(t.url, 'POST', '/api/me/password', { token: session, body: { currentPassword: PASSWORD, password: 'changed-pass-2026' } })).status).toBe(204);
    expect((await api(t.url, 'POST', '/api/auth/password', { body: { token: pending, password: 'another-pass-123' } })).status).toBe(400);

    // Deactivation voids them, so reactivating later does not bring an old link back.
    const leaver = await addPerson(t.dataSource, org.id, { password: true });
    await reset(leaver.email);
    const leaverToken = (await waitForMail(leaver.email)).token!;
    expect((await api(t.url, 'POST', `/api/users/${leaver.id}/deactivate`, { token: org.hrToken })).status).toBe(200);
    expect((await api(t.url, 'POST', `/api/users/${leaver.id}/reactivate`, { token: org.hrToken })).status).toBe(200);
    const [row] = await t.dataSource.query(`SELECT voided_at FROM password_tokens WHERE token_hash = $1`, [sha256(leaverToken)]);
    expect(row.voided_at).not.toBeNull();
    expect((await api(t.url, 'POST', '/api/auth/password', { body: { token: leaverToken, password: 'another-pass-123' } })).status).toBe(400);
  });

  it('rate-limits reset requests per account and per client address in PostgreSQL, still answering 202', async () => {
    const person = await addPerson(t.dataSource, org.id, { password: true });
    for (let i = 0; i < 5; i++) expect((await reset(person.email)).status).toBe(202);
    await links().idle();
    const count = async (email: string) =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE to_address = $1 AND kind = 'password_reset'`, [email]))[0].n;
    expect(await count(person.email)).toBe(3);

    const address = from();
    for (let i = 0; i < 30; i++) expect((await reset(`${unique('nobody')}@org.test`, address)).status).toBe(202);
    const other = await addPerson(t.dataSource, org.id, { password: true });
    expect((await reset(other.email, address)).status).toBe(202);
    await links().idle();
    expect(await count(other.email)).toBe(0);
    expect((await reset(other.email)).status).toBe(202);
    await links().idle();
    expect(await count(other.email)).toBe(1);
    const [row] = await t.dataSource.query(`SELECT hits FROM rate_limits WHERE key = $1`, [`reset:address:${address['x-forwarded-for']}`]);
    expect(row.hits).toBe(31);
  });

  it('answers a reset request before touching any account, so its time cannot tell whether the account exists', async () => {
    // Comparing medians cannot catch this: looking an account up and issuing its link takes a few
    // milliseconds, less than the noise of a shared machine. Instead the accounts table is locked:
    // any request that reads it, or writes a link for it, before answering would wait for the lock.
    const person = await addPerson(t.dataSource, org.id, { password: true });
    const ghost = `${unique('ghost')}@org.test`;
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let answers: (number | 'waited')[];
    try {
      await runner.query(`LOCK TABLE users IN ACCESS EXCLUSIVE MODE`);
      const waited = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 3000));
      answers = await Promise.all([person.email, ghost].map((email) => Promise.race([reset(email).then((r) => r.status), waited])));
      expect(mailsTo(person.email)).toHaveLength(0);
    } finally {
      await runner.commitTransaction();
      await runner.release();
    }
    expect(answers).toEqual([202, 202]);
    // The work happened after the answer: the existing account got its link.
    await links().idle();
    await expect(waitForMail(person.email)).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('changes one’s own password with the current one: 400 naming currentPassword, other sessions end, links die, a trail entry', async () => {
    const person = await addPerson(t.dataSource, org.id, { password: true });
    const mine = await login(t.url, person.email, PASSWORD);
    const other = await login(t.url, person.email, PASSWORD);
    const wrong = await api(t.url, 'POST', '/api/me/password', { token: mine, body: { currentPassword: 'not-it-at-all', password: 'changed-pass-2026' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.map((f: { field: string }) => f.field)).toEqual(['currentPassword']);
    const short = await api(t.url, 'POST', '/api/me/password', { token: mine, body: { currentPassword: PASSWORD, password: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.fields.map((f: { field: string }) => f.field)).toEqual(['password']);
    expect((await api(t.url, 'POST', '/api/me/password', { body: { currentPassword: PASSWORD, password: 'changed-pass-2026' } })).status).toBe(401);

    expect((await api(t.url, 'POST', '/api/me/password', { token: mine, body: { currentPassword: PASSWORD, password: 'changed-pass-2026' } })).status).toBe(204);
    expect((await api(t.url, 'GET', '/api/me', { token: mine })).status).toBe(200);
    expect((await api(t.url, 'GET', '/api/me', { token: other })).status).toBe(401);
    await expect(login(t.url, person.email, 'changed-pass-2026')).resolves.toBeTruthy();
    const [entry] = await t.dataSource.query(`SELECT actor_id FROM audit_entries WHERE action = 'auth.password_changed' AND target_id = $1`, [person.id]);
    expect(entry.actor_id).toBe(person.id);

    // A borrowed session cannot guess the current password for long.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await api(t.url, 'POST', '/api/me/password', { token: mine, body: { currentPassword: `guess-${i}-password`, password: 'changed-pass-2027' } })).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
    expect(mailsTo(person.email)).toHaveLength(0);
  });
});
