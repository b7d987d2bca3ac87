import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, waitForMail, type TestApp, type TestOrg } from './helpers';

const HEADER = 'email,name,employeeNumber,unitCode,isLeader,gender,employmentType,hireDate,locale';

describe('HR invites imported people when ready', () => {
  let t: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  const unitCode = 'INV-HQ';

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    const adminToken = await login(t.url, admin.email, PASSWORD);
    org = await onboardOrganization(t.url, adminToken);
    other = await onboardOrganization(t.url, adminToken);
    await api(t.url, 'POST', '/api/units', { token: org.hrToken, body: { code: unitCode, name: 'Head office' } });
  });
  afterAll(() => t.close());

  const email = (prefix: string) => `${unique(prefix)}@invite.test`;
  const invite = (body: unknown, token = org.hrToken) => api(t.url, 'POST', '/api/people/invitations', { token, body });
  const importPeople = async (lines: string[]) => {
    const res = await api(t.url, 'POST', '/api/users/import', { token: org.hrToken, raw: [HEADER, ...lines].join('\n'), headers: { 'content-type': 'text/csv' } });
    expect(res.body).toMatchObject({ written: true });
  };
  const idOf = async (address: string) => (await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [address]))[0].id as string;
  const outboxTo = (addresses: string[]) =>
    t.dataSource.query(`SELECT to_address, kind FROM outbox_messages WHERE to_address = ANY($1) ORDER BY to_address, created_at`, [addresses]);
  const livingLinks = async (userId: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM password_tokens WHERE user_id = $1 AND used_at IS NULL AND voided_at IS NULL AND expires_at > now()`, [userId]))[0].n;
  const listed = async (q: string) => (await api(t.url, 'GET', `/api/users?q=${encodeURIComponent(q)}`, { token: org.hrToken })).body.items;

  it('imports without mail, invites everyone not yet invited once, resends to a selection and lists who was invited and who signed in', async () => {
    const [ani, budi, citra] = [email('ani'), email('budi'), email('citra')];
    await importPeople([
      `${ani},Ani,INV-1,${unitCode},false,female,permanent,,en`,
      `${budi},Budi,INV-2,${unitCode},false,male,permanent,,`,
      `${citra},Citra,INV-3,${unitCode},false,female,permanent,,`,
      `,Dodi No Mail,INV-4,${unitCode},false,male,permanent,,`,
    ]);
    await expect(outboxTo([ani, budi, citra])).resolves.toEqual([]);
    const [aniRow] = await listed(ani);
    expect(aniRow).toMatchObject({ invitedAt: null, lastSignInAt: null });

    const all = await invite({ all: true });
    expect(all.status).toBe(200);
    // Everyone in the organisation was invited or has a password except these three; the HR admin signed up.
    expect(all.body).toEqual({ invited: 3, withoutEmail: 1, alreadyActive: 0, deactivated: 0 });
    await expect(outboxTo([ani, budi, citra])).resolves.toEqual([
      { to_address: ani, kind: 'password_set' },
      { to_address: budi, kind: 'password_set' },
      { to_address: citra, kind: 'password_set' },
    ].sort((a, b) => a.to_address.localeCompare(b.to_address)));
    const [entry] = await t.dataSource.query(
      `SELECT actor_id IS NOT NULL AS "hasActor", details FROM audit_entries WHERE organization_id = $1 AND action = 'people.invited' ORDER BY id DESC LIMIT 1`,
      [org.id],
    );
    expect(entry).toEqual({ hasActor: true, details: { selection: false, invited: 3 } });

    // A second "everyone" finds nobody left: nobody gets two mails by a double click.
    await expect(invite({ all: true })).resolves.toMatchObject({ body: { invited: 0, withoutEmail: 1 } });
    await expect(outboxTo([ani, budi, citra])).resolves.toHaveLength(3);

    // Ani sets her password and signs in; Budi's first mail is lost, HR resends it.
    const mail = await waitForMail(ani);
    expect(mail.text).toContain('Hello Ani');
    expect((await api(t.url, 'POST', '/api/auth/password', { body: { token: mail.token, password: PASSWORD } })).status).toBe(204);
    await login(t.url, ani, PASSWORD);
    const budiId = await idOf(budi);
    const firstBudiMail = await waitForMail(budi);
    const resend = await invite({ userIds: [budiId, await idOf(ani)] });
    expect(resend.body).toEqual({ invited: 1, withoutEmail: 0, alreadyActive: 1, deactivated: 0 });
    await expect(livingLinks(budiId)).resolves.toBe(1);
    const secondBudiMail = await waitForMail(budi, 1);
    expect(secondBudiMail.token).not.toBe(firstBudiMail.token);
    const old = await api(t.url, 'POST', '/api/auth/password', { body: { token: firstBudiMail.token, password: PASSWORD } });
    expect(old.status).toBe(400);
    const [selection] = await t.dataSource.query(
      `SELECT details FROM audit_entries WHERE organization_id = $1 AND action = 'people.invited' ORDER BY id DESC LIMIT 1`,
      [org.id],
    );
    expect(selection.details).toEqual({ selection: true, invited: 1, userIds: [budiId] });

    const [aniAfter] = await listed(ani);
    expect(aniAfter.invitedAt).not.toBeNull();
    expect(new Date(aniAfter.lastSignInAt).getTime()).toBeGreaterThanOrEqual(new Date(aniAfter.invitedAt).getTime());
    const [budiAfter] = await listed(budi);
    expect(budiAfter).toMatchObject({ lastSignInAt: null });
    expect(new Date(budiAfter.invitedAt).getTime()).toBeGreaterThan(new Date(aniAfter.invitedAt).getTime());
    const [citraAfter] = await listed(citra);
    expect(citraAfter.invitedAt).not.toBeNull();
  });

  it('answers 400 naming the field for a bad body and for a person of another organisation, writing nothing', async () => {
    const [stranger] = await t.dataSource.query(`SELECT id FROM users WHERE organization_id = $1 LIMIT 1`, [other.id]);
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_messages`))[0].n;
    const cases: [unknown, string][] = [
      [{}, 'userIds'],
      [{ all: false }, 'all'],
      [{ userIds: [] }, 'userIds'],
      [{ userIds: ['not-a-uuid'] }, 'userIds'],
      [{ userIds: [stranger.id] }, 'userIds'],
      [{ userIds: [stranger.id], all: true }, 'all'],
    ];
    for (const [body, field] of cases) {
      const res = await invite(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.fields?.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_messages`))[0].n).toBe(before);
  });

  it('is for HR only', async () => {
    const address = email('staff');
    await importPeople([`${address},Staff Member,INV-9,${unitCode},false,female,permanent,,`]);
    await invite({ userIds: [await idOf(address)] });
    const mail = await waitForMail(address);
    await api(t.url, 'POST', '/api/auth/password', { body: { token: mail.token, password: PASSWORD } });
    const staffToken = await login(t.url, address, PASSWORD);
    expect((await invite({ all: true }, staffToken)).status).toBe(403);
  });
});
