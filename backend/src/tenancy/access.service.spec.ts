import { NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor';
import { startTestApp, unique, type TestApp } from '../../test/helpers';
import { AccessService, type AccessRequest } from './access.service';

/** The one authorisation rule, on real PostgreSQL with the real migrations, no HTTP. */
describe('AccessService', () => {
  let t: TestApp;
  let sut: AccessService;

  const actor = (a: Partial<Actor>): Actor => ({
    userId: randomUUID(),
    sessionId: randomUUID(),
    email: null,
    name: 'Someone',
    roles: ['employee'],
    organizationId: null,
    partnerId: null,
    unitId: null,
    isLeader: false,
    locale: 'en',
    viaCookie: false,
    ...a,
  });

  async function newOrganization(ds: DataSource, timeZone = 'Asia/Jakarta'): Promise<string> {
    const [row] = await ds.query(`INSERT INTO organizations (name, code, time_zone) VALUES ('Org', $1, $2) RETURNING id`, [unique('org'), timeZone]);
    return row.id;
  }

  /** A partner with one auditor and an engagement whose period is given in days from the organisation's today. */
  async function newAuditor(ds: DataSource, orgId: string, scope: 'aggregate' | 'named', fromDays: number, toDays: number): Promise<Actor> {
    const [partner] = await ds.query(`INSERT INTO partners (name) VALUES ($1) RETURNING id`, [unique('Mitra')]);
    const [user] = await ds.query(`INSERT INTO users (partner_id, name, roles) VALUES ($1, 'Auditor', '{auditor}') RETURNING id`, [partner.id]);
    await ds.query(
      `INSERT INTO engagements (partner_id, organization_id, period_start, period_end, scope)
       SELECT $1, o.id, (now() AT TIME ZONE o.time_zone)::date + $3::int, (now() AT TIME ZONE o.time_zone)::date + $4::int, $5
         FROM organizations o WHERE o.id = $2`,
      [partner.id, orgId, fromDays, toDays, scope],
    );
    return actor({ userId: user.id, roles: ['auditor'], partnerId: partner.id });
  }

  const readsOf = (auditor: Actor) =>
    t.dataSource.query(`SELECT organization_id, target_type, target_id, details FROM audit_entries WHERE actor_id = $1 AND action = 'auditor.read'`, [auditor.userId]);

  const request = (organizationId: string, scope: 'aggregate' | 'named', members: 'any' | 'hr_admin' = 'hr_admin'): AccessRequest => ({
    organizationId,
    members,
    scope,
    target: { type: 'certificate', id: 'ABCD', details: { path: '/x' } },
  });

  beforeAll(async () => {
    t = await startTestApp();
    sut = t.app.get(AccessService);
  });
  afterAll(() => t.close());

  it('lets any member through on member routes, only HR admins on HR reads, and logs nothing for them', async () => {
    const orgId = await newOrganization(t.dataSource);
    const staff = actor({ organizationId: orgId });
    const hr = actor({ organizationId: orgId, roles: ['employee', 'hr_admin'] });
    await expect(sut.authorize(staff, request(orgId, 'aggregate', 'any'))).resolves.toEqual({ via: 'organization' });
    await expect(sut.authorize(staff, request(orgId, 'named', 'hr_admin'))).resolves.toBeNull();
    await expect(sut.authorize(hr, request(orgId, 'named', 'hr_admin'))).resolves.toEqual({ via: 'organization' });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE organization_id = $1 AND action = 'auditor.read'`, [orgId]);
    expect(n).toBe(0);
  });

  it('refuses HR of another organisation', async () => {
    const orgId = await newOrganization(t.dataSource);
    const otherHr = actor({ organizationId: await newOrganization(t.dataSource), roles: ['hr_admin'] });
    await expect(sut.authorize(otherHr, request(orgId, 'aggregate', 'any'))).resolves.toBeNull();
    await expect(sut.requireAccess(otherHr, request(orgId, 'aggregate', 'any'), 'Organisation not found')).rejects.toThrow(NotFoundException);
  });

  it('grants an auditor with an engagement active today and puts the read on the record with the engagement', async () => {
    const orgId = await newOrganization(t.dataSource);
    const auditor = await newAuditor(t.dataSource, orgId, 'aggregate', 0, 0);
    const grant = await sut.authorize(auditor, request(orgId, 'aggregate'));
    expect(grant).toEqual({ via: 'engagement', engagement: { id: expect.any(String), scope: 'aggregate' } });
    const reads = await readsOf(auditor);
    expect(reads).toEqual([
      { organization_id: orgId, target_type: 'certificate', target_id: 'ABCD', details: { engagementId: (grant as { engagement: { id: string } }).engagement.id, path: '/x' } },
    ]);
  });

  it('refuses an engagement that ended yesterday or starts tomorrow in the organisation’s calendar, and logs nothing', async () => {
    // UTC+14: the organisation's date differs from the server's for ten hours of every day.
    const orgId = await newOrganization(t.dataSource, 'Pacific/Kiritimati');
    const expired = await newAuditor(t.dataSource, orgId, 'named', -30, -1);
    const future = await newAuditor(t.dataSource, orgId, 'named', 1, 30);
    await expect(sut.authorize(expired, request(orgId, 'aggregate'))).resolves.toBeNull();
    await expect(sut.authorize(future, request(orgId, 'aggregate'))).resolves.toBeNull();
    expect(await readsOf(expired)).toEqual([]);
    expect(await readsOf(future)).toEqual([]);
  });

  it('refuses an auditor engaged with another organisation', async () => {
    const orgId = await newOrganization(t.dataSource);
    const elsewhere = await newAuditor(t.dataSource, await newOrganization(t.dataSource), 'named', -1, 1);
    await expect(sut.authorize(elsewhere, request(orgId, 'aggregate'))).resolves.toBeNull();
    expect(await readsOf(elsewhere)).toEqual([]);
  });

  it('gives an aggregate engagement aggregate reads only; a named one both', async () => {
    const orgId = await newOrganization(t.dataSource);
    const aggregate = await newAuditor(t.dataSource, orgId, 'aggregate', -1, 1);
    const named = await newAuditor(t.dataSource, orgId, 'named', -1, 1);
    await expect(sut.authorize(aggregate, request(orgId, 'named'))).resolves.toBeNull();
    expect(await readsOf(aggregate)).toEqual([]);
    await expect(sut.authorize(named, request(orgId, 'named'))).resolves.toMatchObject({ via: 'engagement', engagement: { scope: 'named' } });
    await expect(sut.authorize(named, request(orgId, 'aggregate'))).resolves.toMatchObject({ via: 'engagement' });
    expect(await readsOf(named)).toHaveLength(2);
  });

  it('refuses a person of a partner who is not an auditor', async () => {
    const orgId = await newOrganization(t.dataSource);
    const auditor = await newAuditor(t.dataSource, orgId, 'named', -1, 1);
    await expect(sut.authorize({ ...auditor, roles: ['employee'] }, request(orgId, 'aggregate'))).resolves.toBeNull();
  });
});
