import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { newKeyPair, openSealed, open } from '../src/report-channel/channel-crypto';
import { hashPassword } from '../src/identity/crypto';
import { fieldContext, recipientKeyContext } from '../src/report-channel/contexts';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, unique, type TestApp, type TestOrg } from './helpers';

export interface Channel {
  adminToken: string;
  org: TestOrg;
  partnerId: string;
  handler: { id: string; email: string; privateKey: Buffer };
}

function day(offset: number): string {
  return new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
}

/** A partner engaged today with the organisation, through the API as a platform admin does it. */
export async function engagedPartner(t: TestApp, adminToken: string, organizationId: string): Promise<string> {
  const partner = await api(t.url, 'POST', '/api/partners', { token: adminToken, body: { name: unique('Mitra') } });
  if (partner.status !== 201) throw new Error(`partner: ${partner.status} ${JSON.stringify(partner.body)}`);
  const engagement = await api(t.url, 'POST', '/api/engagements', {
    token: adminToken,
    body: { partnerId: partner.body.id, organizationId, periodStart: day(-30), periodEnd: day(30), scope: 'named' },
  });
  if (engagement.status !== 201) throw new Error(`engagement: ${engagement.status} ${JSON.stringify(engagement.body)}`);
  return partner.body.id;
}

/**
 * A confirmed handler with a key pair made here, straight in SQL, so that a test holds the private
 * key and can prove what was wrapped for it. Its password-wrapped copy is a placeholder: such a
 * handler is not meant to sign in.
 */
export async function keyedHandler(dataSource: DataSource, partnerId: string): Promise<{ id: string; email: string; privateKey: Buffer }> {
  const email = `${unique('handler')}@mitra.test`;
  const [user] = await dataSource.query(
    `INSERT INTO users (partner_id, email, name, roles, password_hash) VALUES ($1, $2, 'Handler', '{case_handler}', $3) RETURNING id`,
    [partnerId, email, await hashPassword(PASSWORD)],
  );
  await dataSource.query(`INSERT INTO case_handlers (user_id, partner_id, confirmed_on) VALUES ($1, $2, current_date)`, [user.id, partnerId]);
  const pair = newKeyPair();
  await dataSource.query(
    `INSERT INTO recipient_keys (user_id, public_key, private_by_password, password_salt, private_by_recovery) VALUES ($1, $2, $3, $4, $5)`,
    [user.id, pair.publicKey, randomBytes(64), randomBytes(16), randomBytes(64)],
  );
  return { id: user.id, email, privateKey: pair.privateKey };
}

export async function channelFixture(t: TestApp): Promise<Channel> {
  const admin = await createPlatformAdmin(t.dataSource);
  const adminToken = await login(t.url, admin.email, PASSWORD);
  const org = await onboardOrganization(t.url, adminToken);
  const partnerId = await engagedPartner(t, adminToken, org.id);
  const handler = await keyedHandler(t.dataSource, partnerId);
  return { adminToken, org, partnerId, handler };
}

/** The report's description as the handler's private key opens it, straight from the stored rows. */
export async function openAsRecipient(dataSource: DataSource, reportId: string, userId: string, privateKey: Buffer): Promise<string> {
  const [row] = await dataSource.query(
    `SELECT k.wrapped_key, r.description FROM confidential_report_keys k JOIN confidential_reports r ON r.id = k.report_id
      WHERE k.report_id = $1 AND k.user_id = $2`,
    [reportId, userId],
  );
  if (!row) throw new Error('no key wrapped for this recipient');
  const dataKey = openSealed(privateKey, row.wrapped_key, recipientKeyContext(reportId, userId));
  return open(dataKey, row.description, fieldContext(reportId, 'description')).toString('utf8');
}
