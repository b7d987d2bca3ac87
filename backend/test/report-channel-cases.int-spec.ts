import { Secret, TOTP } from 'otpauth';
import { AuditTrailService } from '../src/audit-trail/audit-trail.service';
import { entryHashOfForm, GENESIS_HASH, type Salts } from '../src/audit-trail/canonical';
import { acceptInvitation, addPerson, api, createPlatformAdmin, login, mailsTo, onboardOrganization, PASSWORD, startTestApp, unique, waitForMail, type TestApp, type TestOrg } from './helpers';
import { engagedPartner, keyedHandler } from './report-channel-fixtures';

const NEW_PASSWORD = 'another-password-456';

describe('Confidential reports: recipients, keys and cases', () => {
  let t: TestApp;
  let adminToken: string;
  let org: TestOrg;
  let partnerId: string;
  let handler: { id: string; email: string; token: string };
  let recoveryKey: string;
  let firstCase: string;
  let firstReceipt: string;

  async function submit(recipientIds: string[], description = 'What happened') {
    const res = await api(t.url, 'POST', `/api/report-channel/${org.code}/reports`, {
      body: { category: 'retaliation', description, recipientIds, allowSatgasReferral: true },
    });
    if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    return { receipt: res.body.receipt as string };
  }

  /** The report of this suite's organisation not in `before`: other suites share the database and submit in parallel. */
  async function newestCaseId(before: string[]): Promise<string> {
    const rows: { id: string }[] = await t.dataSource.query(`SELECT id FROM confidential_reports WHERE organization_id = $1`, [org.id]);
    const id = rows.map((r) => r.id).find((x) => !before.includes(x));
    if (!id) throw new Error('no new report');
    return id;
  }

  async function inviteHandler(token: string, email: string) {
    return api(t.url, 'POST', `/api/partners/${partnerId}/case-handlers`, { token, body: { email, name: 'Case Handler' } });
  }

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    partnerId = await engagedPartner(t, adminToken, org.id);
  });
  afterAll(() => t.close());

  it('the platform admin invites the first handler, whose first sign-in makes a key pair and shows its recovery key once', async () => {
    const email = `${unique('h1')}@mitra.test`;
    const invited = await inviteHandler(adminToken, email);
    expect(invited.status).toBe(201);
    expect(invited.body.confirmed).toBe(true);
    await acceptInvitation(t.url, email);
    const token = await login(t.url, email, PASSWORD);
    handler = { id: invited.body.id, email, token };
    // A second factor is required of case handlers: only the enrolment (and the recovery key) answer.
    const locked = await api(t.url, 'GET', '/api/cases', { token });
    expect(locked.status).toBe(403);
    expect(locked.body.code).toBe('totp_enrollment_required');
    const shown = await api(t.url, 'GET', '/api/me/recovery-key', { token });
    expect(shown.status).toBe(200);
    recoveryKey = shown.body.recoveryKey;
    expect(recoveryKey).toMatch(/^([0-9a-f]{4}-){7}[0-9a-f]{4}$/);
    expect((await api(t.url, 'GET', '/api/me/recovery-key', { token })).status).toBe(404);
    // The private key is not stored in clear, and the unlocked copy is bound to the session's hash.
    const [keys] = await t.dataSource.query(`SELECT public_key, private_by_password FROM recipient_keys WHERE user_id = $1`, [handler.id]);
    expect(keys.public_key).toHaveLength(32);
    const unlocks: { token_hash: string }[] = await t.dataSource.query(`SELECT token_hash FROM recipient_key_unlocks WHERE user_id = $1`, [handler.id]);
    expect(unlocks).toHaveLength(1);
    expect(unlocks[0].token_hash).not.toContain(token);
    // For the rest of this suite, as the demo handler: password alone.
    await t.dataSource.query(`UPDATE users SET totp_exempt = true WHERE id = $1`, [handler.id]);
    expect((await api(t.url, 'GET', '/api/cases', { token })).body).toEqual([]);
  });

  it('a handler reads a new case, replies, moves it on; the reporter reads the reply and answers', async () => {
    const channel = await api(t.url, 'GET', `/api/report-channel/${org.code}`);
    expect(channel.body.recipients.map((r: { id: string }) => r.id)).toEqual([partnerId]);
    const before = (await t.dataSource.query(`SELECT id FROM confidential_reports`)).map((r: { id: string }) => r.id);
    const { receipt } = await submit([partnerId], 'My manager retaliated after I spoke up');
    firstReceipt = receipt;
    firstCase = await newestCaseId(before);

    const list = await api(t.url, 'GET', '/api/cases', { token: handler.token });
    expect(list.body).toEqual([{ id: firstCase, organizationName: `Org ${org.code}`, category: 'retaliation', status: 'received', createdOn: expect.any(String), unread: true }]);
    const opened = await api(t.url, 'GET', `/api/cases/${firstCase}`, { token: handler.token });
    expect(opened.status).toBe(200);
    expect(opened.body.description).toBe('My manager retaliated after I spoke up');
    expect(opened.body.recipients).toEqual([{ kind: 'partner', name: expect.any(String) }]);
    expect((await api(t.url, 'GET', '/api/cases', { token: handler.token })).body[0].unread).toBe(false);

    expect((await api(t.url, 'POST', `/api/cases/${firstCase}/messages`, { token: handler.token, body: { text: 'We have your report.' } })).status).toBe(201);
    const reporter = (await api(t.url, 'POST', '/api/reporter/session', { body: { receipt } })).body.token;
    const view = await api(t.url, 'GET', '/api/reporter/report', { token: reporter });
    expect(view.body.messages).toEqual([{ from: 'handler', text: 'We have your report.', at: expect.any(String) }]);
    await api(t.url, 'POST', '/api/reporter/report/messages', { token: reporter, body: { text: 'Thank you' } });
    expect((await api(t.url, 'GET', '/api/cases', { token: handler.token })).body[0].unread).toBe(true);

    const patch = (body: Record<string, unknown>) => api(t.url, 'PATCH', `/api/cases/${firstCase}`, { token: handler.token, body });
    expect((await patch({ status: 'closed', outcome: 'withdrawn' })).status).toBe(409);
    expect((await patch({ status: 'in_review', outcome: 'withdrawn' })).body.fields[0].field).toBe('outcome');
    expect((await patch({ status: 'stalled' })).body.fields[0].field).toBe('status');
    expect((await patch({ status: 'in_review' })).status).toBe(200);
    expect((await patch({ status: 'closed' })).body.fields[0].field).toBe('outcome');
    expect((await patch({ status: 'closed', outcome: 'resolved_informally' })).status).toBe(200);
    expect((await api(t.url, 'GET', '/api/reporter/report', { token: reporter })).body.status).toBe('closed');
    const [row] = await t.dataSource.query(`SELECT purge_on - closed_on AS days FROM confidential_reports WHERE id = $1`, [firstCase]);
    expect(row.days).toBe(365);
  });

  it('writes openings and status changes to the partner’s own chain, by the day, without content; not to the organisation’s', async () => {
    await t.app.get(AuditTrailService).sequenceNow();
    const partnerChain: { action: string; at: string; details: Record<string, unknown> }[] = await t.dataSource.query(
      `SELECT e.action, to_char(e.at AT TIME ZONE 'UTC', 'HH24:MI:SS.MS') AS at, e.details
         FROM audit_chain c JOIN audit_entries e ON e.id = c.entry_id WHERE c.chain_id = $1 ORDER BY c.seq`,
      [partnerId],
    );
    const actions = partnerChain.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['case_handler.invited_confirmed', 'case.opened', 'case.status_changed']));
    expect(partnerChain.every((e) => e.at === '00:00:00.000')).toBe(true);
    expect(JSON.stringify(partnerChain)).not.toContain('retaliated');
    const orgEntries: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_chain c JOIN audit_entries e ON e.id = c.entry_id
        WHERE c.chain_id = $1 AND e.action LIKE 'case.%'`,
      [org.id],
    );
    expect(orgEntries[0].n).toBe(0);
    // Readable by the partner's handlers through the API, and recomputable from what it gives.
    const log = await api(t.url, 'GET', `/api/partners/${partnerId}/case-log`, { token: handler.token });
    expect(log.status).toBe(200);
    let prev = GENESIS_HASH;
    for (const e of log.body as { seq: number; at: string; actorId: string | null; action: string; targetType: string | null; targetId: string | null; details: unknown; prevHash: string; hash: string; salts: Salts | null; form: 1 | 2 }[]) {
      expect(e.prevHash).toBe(prev);
      const entry = { seq: e.seq, chainId: partnerId, at: e.at, actorId: e.actorId, action: e.action, targetType: e.targetType, targetId: e.targetId, details: e.details, prevHash: prev };
      expect(entryHashOfForm(entry, e.form, e.salts)).toBe(e.hash);
      prev = e.hash;
    }
    expect((log.body as unknown[]).length).toBe(partnerChain.length);
    for (const token of [org.hrToken, adminToken]) {
      expect((await api(t.url, 'GET', `/api/partners/${partnerId}/case-log`, { token })).status).toBe(403);
    }
  });

  it('a later handler waits for confirmation by an existing one, receives nothing until then, and can be shared a case with', async () => {
    const email = `${unique('h2')}@mitra.test`;
    const invited = await inviteHandler(adminToken, email);
    expect(invited.body.confirmed).toBe(false);
    await acceptInvitation(t.url, email);
    await t.dataSource.query(`UPDATE users SET totp_exempt = true WHERE id = $1`, [invited.body.id]);
    let second = await login(t.url, email, PASSWORD);
    const before = (await t.dataSource.query(`SELECT id FROM confidential_reports`)).map((r: { id: string }) => r.id);
    await submit([partnerId]);
    const pendingCase = await newestCaseId(before);
    expect((await api(t.url, 'GET', '/api/cases', { token: second })).body).toEqual([]);
    expect((await api(t.url, 'GET', `/api/cases/${pendingCase}`, { token: second })).status).toBe(404);
    // The platform admin cannot confirm (nor plant a reader); the pending handler cannot confirm themself.
    const confirmPath = `/api/partners/${partnerId}/case-handlers/${invited.body.id}/confirm`;
    expect((await api(t.url, 'POST', confirmPath, { token: adminToken })).status).toBe(403);
    expect((await api(t.url, 'POST', confirmPath, { token: second })).status).toBe(404);
    expect((await api(t.url, 'POST', confirmPath, { token: handler.token })).status).toBe(204);
    second = await login(t.url, email, PASSWORD);
    // Sharing the earlier case with the new colleague.
    expect((await api(t.url, 'POST', `/api/cases/${pendingCase}/shares`, { token: handler.token, body: { userId: invited.body.id } })).status).toBe(201);
    expect((await api(t.url, 'POST', `/api/cases/${pendingCase}/shares`, { token: handler.token, body: { userId: invited.body.id } })).status).toBe(409);
    expect((await api(t.url, 'POST', `/api/cases/${pendingCase}/shares`, { token: handler.token, body: { userId: org.id } })).body.fields[0].field).toBe('userId');
    const opened = await api(t.url, 'GET', `/api/cases/${pendingCase}`, { token: second });
    expect(opened.status).toBe(200);
    expect(opened.body.description).toBe('What happened');
    // New reports are wrapped for both now.
    const before2 = (await t.dataSource.query(`SELECT id FROM confidential_reports`)).map((r: { id: string }) => r.id);
    await submit([partnerId], 'For both handlers');
    const both = await newestCaseId(before2);
    expect((await api(t.url, 'GET', `/api/cases/${both}`, { token: second })).body.description).toBe('For both handlers');
  });

  it('HR (not Satgas), an auditor, a platform admin and another partner’s handler get an empty list and 404 on every case route', async () => {
    const auditorEmail = `${unique('auditor')}@mitra.test`;
    expect((await api(t.url, 'POST', `/api/partners/${partnerId}/auditors`, { token: adminToken, body: { email: auditorEmail, name: 'Auditor' } })).status).toBe(201);
    await acceptInvitation(t.url, auditorEmail);
    const otherPartner = await engagedPartner(t, adminToken, org.id);
    const stranger = await keyedHandler(t.dataSource, otherPartner);
    await t.dataSource.query(`UPDATE users SET totp_exempt = true WHERE id = $1`, [stranger.id]);
    const outsiders = {
      hr: org.hrToken,
      auditor: await login(t.url, auditorEmail, PASSWORD),
      admin: adminToken,
      otherHandler: await login(t.url, stranger.email, PASSWORD),
    };
    const [attachment] = await t.dataSource.query(`SELECT id FROM confidential_report_attachments LIMIT 1`);
    for (const [who, token] of Object.entries(outsiders)) {
      const list = await api(t.url, 'GET', '/api/cases', { token });
      expect([who, list.status, list.body]).toEqual([who, 200, []]);
      const routes: [string, string, unknown?][] = [
        ['GET', `/api/cases/${firstCase}`],
        ['POST', `/api/cases/${firstCase}/messages`, { text: 'hello' }],
        ['PATCH', `/api/cases/${firstCase}`, { status: 'in_review' }],
        ['POST', `/api/cases/${firstCase}/shares`, { userId: handler.id }],
        ['GET', `/api/cases/${firstCase}/attachments/${attachment?.id ?? '00000000-0000-4000-8000-000000000000'}`],
      ];
      for (const [method, path, body] of routes) {
        const res = await api(t.url, method, path, { token, body });
        expect([who, method, path, res.status]).toEqual([who, method, path, 404]);
      }
    }
  });

  it('a password change re-wraps the key; a reset keeps it with the recovery key, and without it the cases are gone', async () => {
    expect((await api(t.url, 'POST', '/api/me/password', { token: handler.token, body: { currentPassword: PASSWORD, password: NEW_PASSWORD } })).status).toBe(204);
    let token = await login(t.url, handler.email, NEW_PASSWORD);
    expect((await api(t.url, 'GET', `/api/cases/${firstCase}`, { token })).status).toBe(200);

    const reset = async (body: Record<string, unknown>) => {
      const seen = mailsTo(handler.email).length;
      expect((await api(t.url, 'POST', '/api/auth/password-reset', { body: { email: handler.email } })).status).toBe(202);
      const mail = await waitForMail(handler.email, seen);
      return api(t.url, 'POST', '/api/auth/password', { body: { token: mail.token, password: PASSWORD, ...body } });
    };
    const wrong = await reset({ recoveryKey: '0000-0000-0000-0000-0000-0000-0000-0000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields[0].field).toBe('recoveryKey');
    expect((await reset({ recoveryKey: recoveryKey.toUpperCase() })).status).toBe(204);
    token = await login(t.url, handler.email, PASSWORD);
    expect((await api(t.url, 'GET', `/api/cases/${firstCase}`, { token })).body.description).toBe('My manager retaliated after I spoke up');

    expect((await reset({})).status).toBe(204);
    token = await login(t.url, handler.email, PASSWORD);
    expect((await api(t.url, 'GET', '/api/cases', { token })).body).toEqual([]);
    expect((await api(t.url, 'GET', `/api/cases/${firstCase}`, { token })).status).toBe(404);
    // A new pair was made at that sign-in, with a new recovery key.
    expect((await api(t.url, 'GET', '/api/me/recovery-key', { token })).body.recoveryKey).not.toBe(recoveryKey);
    // The reporter still follows up.
    expect((await api(t.url, 'POST', '/api/reporter/session', { body: { receipt: firstReceipt } })).status).toBe(200);
  });

  it('HR designates Satgas members among its people; one who signed in since can be chosen and reads the case, HR does not', async () => {
    const person = await addPerson(t.dataSource, org.id, { password: true });
    const otherOrg = await onboardOrganization(t.url, adminToken);
    const outsider = await addPerson(t.dataSource, otherOrg.id);
    const refused = await api(t.url, 'PUT', '/api/satgas-members', { token: org.hrToken, body: { userIds: [person.id, outsider.id] } });
    expect(refused.status).toBe(400);
    expect(refused.body.fields[0].field).toBe('userIds');
    expect((await api(t.url, 'PUT', '/api/satgas-members', { token: adminToken, body: { userIds: [person.id] } })).status).toBe(403);
    const set = await api(t.url, 'PUT', '/api/satgas-members', { token: org.hrToken, body: { userIds: [person.id] } });
    expect(set.body).toEqual([{ id: person.id, name: 'Test Person', hasKey: false }]);
    expect((await api(t.url, 'GET', `/api/report-channel/${org.code}`)).body.recipients.some((r: { kind: string }) => r.kind === 'satgas')).toBe(false);
    const memberToken = await login(t.url, person.email, PASSWORD);
    expect((await api(t.url, 'GET', `/api/report-channel/${org.code}`)).body.recipients.some((r: { kind: string }) => r.kind === 'satgas')).toBe(true);
    const before = (await t.dataSource.query(`SELECT id FROM confidential_reports`)).map((r: { id: string }) => r.id);
    await submit([partnerId, 'satgas'], 'For the partner and the Satgas');
    const id = await newestCaseId(before);
    expect((await api(t.url, 'GET', `/api/cases/${id}`, { token: memberToken })).body.description).toBe('For the partner and the Satgas');
    expect((await api(t.url, 'GET', `/api/cases/${id}`, { token: org.hrToken })).status).toBe(404);
    // Removed from the Satgas: the case is gone for them at once.
    expect((await api(t.url, 'PUT', '/api/satgas-members', { token: org.hrToken, body: { userIds: [] } })).status).toBe(200);
    expect((await api(t.url, 'GET', `/api/cases/${id}`, { token: memberToken })).status).toBe(404);
  });

  it('a handler with the second factor unlocks their key through the TOTP step, and cannot turn the factor off', async () => {
    const code = (secret: string, steps = 0) =>
      new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + steps * 30_000 });
    const partner = await engagedPartner(t, adminToken, org.id);
    const email = `${unique('h3')}@mitra.test`;
    const invited = await api(t.url, 'POST', `/api/partners/${partner}/case-handlers`, { token: adminToken, body: { email, name: 'Handler Three' } });
    await acceptInvitation(t.url, email);
    let token = await login(t.url, email, PASSWORD);
    expect((await api(t.url, 'GET', '/api/me/totp', { token })).body).toMatchObject({ allowed: true, required: true });
    const setup = await api(t.url, 'POST', '/api/me/totp/setup', { token });
    expect((await api(t.url, 'POST', '/api/me/totp/enable', { token, body: { code: code(setup.body.secret) } })).status).toBe(200);
    expect((await api(t.url, 'GET', '/api/cases', { token })).status).toBe(200);
    expect((await api(t.url, 'POST', '/api/me/totp/disable', { token, body: { currentPassword: PASSWORD } })).status).toBe(409);

    const before = (await t.dataSource.query(`SELECT id FROM confidential_reports`)).map((r: { id: string }) => r.id);
    await submit([partner], 'Behind the second factor');
    const id = await newestCaseId(before);
    const first = await api(t.url, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    expect(first.body.totpRequired).toBe(true);
    const second = await api(t.url, 'POST', '/api/auth/login/totp', { body: { challenge: first.body.challenge, code: code(setup.body.secret, 1) } });
    expect(second.status).toBe(200);
    token = second.body.token;
    expect((await api(t.url, 'GET', `/api/cases/${id}`, { token })).body.description).toBe('Behind the second factor');
    // The unlocked copy moved from the challenge to the session: nothing is left under the challenge.
    const [left] = await t.dataSource.query(`SELECT count(*)::int AS n FROM recipient_key_unlocks WHERE user_id = $1`, [invited.body.id]);
    expect(left.n).toBe(2);
  });
});
