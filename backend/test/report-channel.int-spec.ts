import sharp from 'sharp';
import { RECEIPT_LIMITS } from '../src/report-channel/report-channel.service';
import { adminDataSource, api, startTestApp, type TestApp } from './helpers';
import { channelFixture, openAsRecipient, type Channel } from './report-channel-fixtures';

const MARK = 'ZQX-MARKER-7731';

async function submit(t: TestApp, c: Channel, body: Record<string, unknown> = {}) {
  return api<{ receipt: string; fields?: { field: string }[] }>(t.url, 'POST', `/api/report-channel/${c.org.code}/reports`, {
    body: { category: 'sexual_harassment', description: 'Something happened', recipientIds: [c.partnerId], allowSatgasReferral: false, ...body },
  });
}

async function reporterSession(t: TestApp, receipt: string, address = '198.51.100.1') {
  return api<{ token: string }>(t.url, 'POST', '/api/reporter/session', { body: { receipt }, headers: { 'x-forwarded-for': address } });
}

async function multipart(t: TestApp, c: Channel, files: { name: string; data: Buffer; type: string }[], fields: Record<string, string | string[]> = {}) {
  const form = new FormData();
  const all = { category: 'other', description: 'With files', recipientIds: [c.partnerId], allowSatgasReferral: 'true', ...fields };
  for (const [key, value] of Object.entries(all)) for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  for (const f of files) form.append('attachments', new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
  const res = await fetch(`${t.url}/api/report-channel/${c.org.code}/reports`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as { receipt: string; fields: { field: string }[] } };
}

const png = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } }).png().toBuffer();

describe('Confidential reports: submission, receipt and follow-up', () => {
  let t: TestApp;
  let c: Channel;

  beforeAll(async () => {
    // A trusted proxy, so that tests can play different client addresses with X-Forwarded-For.
    t = await startTestApp({ TRUST_PROXY: 'true' });
    c = await channelFixture(t);
  });
  afterAll(() => t.close());

  it('shows the organisation, the partner that can receive, and the categories; an unknown code is 404', async () => {
    const res = await api(t.url, 'GET', `/api/report-channel/${c.org.code}?lang=en`);
    expect(res.status).toBe(200);
    expect(res.body.organization).toEqual({ name: `Org ${c.org.code}` });
    expect(res.body.recipients).toEqual([{ id: c.partnerId, kind: 'partner', name: expect.any(String) }]);
    expect(res.body.categories.map((x: { id: string }) => x.id)).toEqual(['sexual_harassment', 'sexual_violence', 'online_gbv', 'retaliation', 'other']);
    expect((await api(t.url, 'GET', '/api/report-channel/no-such-org')).status).toBe(404);
  });

  it('gives a 16-digit receipt that opens the report for follow-up, and the reporter and handler exchange messages', async () => {
    const res = await submit(t, c, { description: 'He cornered me in the store room', contact: 'call 0812' });
    expect(res.status).toBe(201);
    expect(res.body.receipt).toMatch(/^\d{16}$/);
    const [report] = await t.dataSource.query(
      `SELECT id, to_char(created_on, 'YYYY-MM-DD') AS created_on FROM confidential_reports WHERE organization_id = $1 ORDER BY created_on DESC LIMIT 1`,
      [c.org.id],
    );
    // Wrapped for the partner's handler: their private key opens the description.
    await expect(openAsRecipient(t.dataSource, report.id, c.handler.id, c.handler.privateKey)).resolves.toBe('He cornered me in the store room');

    // Typed with spaces, as people copy it from paper.
    const spaced = res.body.receipt.replace(/(\d{4})(?=\d)/g, '$1 ');
    const session = await reporterSession(t, spaced);
    expect(session.status).toBe(200);
    const view = await api(t.url, 'GET', '/api/reporter/report', { token: session.body.token });
    expect(view.status).toBe(200);
    expect(view.body).toEqual({
      category: 'sexual_harassment',
      description: 'He cornered me in the store room',
      status: 'received',
      createdOn: report.created_on,
      messages: [],
      attachments: [],
    });
    expect((await api(t.url, 'POST', '/api/reporter/report/messages', { token: session.body.token, body: { text: 'One more thing' } })).status).toBe(201);
    const after = await api(t.url, 'GET', '/api/reporter/report', { token: session.body.token });
    expect(after.body.messages).toEqual([{ from: 'reporter', text: 'One more thing', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
    // No token, or a made-up one: nothing.
    expect((await api(t.url, 'GET', '/api/reporter/report')).status).toBe(404);
    expect((await api(t.url, 'GET', '/api/reporter/report', { token: 'x'.repeat(43) })).status).toBe(404);
    expect((await api(t.url, 'POST', '/api/reporter/report/messages', { token: session.body.token, body: { text: '' } })).body.fields[0].field).toBe('text');
  });

  it('answers every wrong receipt with the same 404 body', async () => {
    const { body } = await submit(t, c);
    const wrong = String((BigInt(body.receipt) + 1n) % 10n ** 16n).padStart(16, '0');
    const answers = await Promise.all(
      [wrong, '0000000000000000', '12345', 'not digits at all'].map((r) => reporterSession(t, r, '198.51.100.2')),
    );
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body).toEqual(answers[0].body);
    }
  });

  it('refuses an address after too many tries with 429, while another address still gets in', async () => {
    const { body } = await submit(t, c);
    const limited = '203.0.113.77';
    for (let i = 0; i < RECEIPT_LIMITS.perAddressPerDay; i++) {
      expect((await reporterSession(t, '1111222233334444', limited)).status).toBe(404);
    }
    expect((await reporterSession(t, '1111222233334444', limited)).status).toBe(429);
    // Even the right receipt, from that address, today.
    expect((await reporterSession(t, body.receipt, limited)).status).toBe(429);
    expect((await reporterSession(t, body.receipt, '203.0.113.78')).status).toBe(200);
    expect((await reporterSession(t, '1111222233334444', '203.0.113.78')).status).toBe(404);
    // The counter holds a keyed hash, never the address.
    const rows: { address_mac: string }[] = await t.dataSource.query(`SELECT address_mac FROM receipt_attempts`);
    expect(rows.some((r) => r.address_mac.includes('203.0.113'))).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.address_mac))).toBe(true);
  });

  it('past the installation-wide limit, answers are slowed down but never refused', async () => {
    const { body } = await submit(t, c);
    await t.dataSource.query(
      `INSERT INTO receipt_attempts_global (minute, hits) VALUES (date_trunc('minute', now()), $1)
       ON CONFLICT (minute) DO UPDATE SET hits = $1`,
      [RECEIPT_LIMITS.globalPerMinute + 100],
    );
    const started = Date.now();
    const res = await reporterSession(t, body.receipt, '192.0.2.9');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100 * RECEIPT_LIMITS.delayPerExtraMs);
    await t.dataSource.query(`DELETE FROM receipt_attempts_global`);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const field = async (body: Record<string, unknown>) => (await submit(t, c, body)).body.fields?.[0]?.field;
    expect(await field({ description: '' })).toBe('description');
    expect(await field({ category: 'gossip' })).toBe('category');
    expect(await field({ recipientIds: [] })).toBe('recipientIds');
    expect(await field({ recipientIds: ['satgas'] })).toBe('recipientIds');
    expect(await field({ recipientIds: ['00000000-0000-4000-8000-000000000000'] })).toBe('recipientIds');
    expect(await field({ allowSatgasReferral: 'maybe' })).toBe('allowSatgasReferral');
    expect(await field({ contact: 'x'.repeat(501) })).toBe('contact');
    const six = await multipart(t, c, await Promise.all(Array.from({ length: 6 }, async (_, i) => ({ name: `p${i}.png`, data: await png(), type: 'image/png' }))));
    expect(six.status).toBe(400);
    expect(six.body.fields[0].field).toBe('attachments');
    const big = Buffer.alloc(6 * 1024 * 1024, 1);
    const tooLarge = await multipart(t, c, [
      { name: 'a.pdf', data: big, type: 'application/pdf' },
      { name: 'b.pdf', data: big, type: 'application/pdf' },
    ]);
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.fields[0].field).toBe('attachments');
    const text = await multipart(t, c, [{ name: 'notes.txt', data: Buffer.from('hello'), type: 'text/plain' }]);
    expect(text.status).toBe(400);
    expect(text.body.fields[0].field).toBe('attachments');
  });

  it('takes attachments by multipart and gives them back to the reporter', async () => {
    const image = await png();
    const res = await multipart(t, c, [{ name: `${MARK}-photo.png`, data: image, type: 'image/png' }]);
    expect(res.status).toBe(201);
    const session = await reporterSession(t, res.body.receipt, '198.51.100.3');
    const view = await api(t.url, 'GET', '/api/reporter/report', { token: session.body.token });
    expect(view.body.attachments).toEqual([{ id: expect.any(String), name: `${MARK}-photo.png`, size: expect.any(Number) }]);
    const file = await fetch(`${t.url}/api/reporter/report/attachments/${view.body.attachments[0].id}`, { headers: { authorization: `Bearer ${session.body.token}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([8, 8]);
  });

  it('keeps no description, contact, message or attachment readable in the database, and no time finer than the day', async () => {
    const res = await multipart(t, c, [{ name: `${MARK}-attachment.png`, data: await png(), type: 'image/png' }], {
      description: `description ${MARK}`,
      contact: `contact ${MARK}`,
    });
    expect(res.status).toBe(201);
    const session = await reporterSession(t, res.body.receipt, '198.51.100.4');
    expect((await api(t.url, 'POST', '/api/reporter/report/messages', { token: session.body.token, body: { text: `message ${MARK}` } })).status).toBe(201);
    expect((await api(t.url, 'GET', '/api/reporter/report', { token: session.body.token })).body.description).toBe(`description ${MARK}`);

    // What a dump holds: every text, json and bytea column of every table, read as the superuser.
    const admin = await adminDataSource();
    try {
      const columns: { table_name: string; column_name: string; data_type: string }[] = await admin.query(
        `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea', 'ARRAY')`,
      );
      expect(columns.some((col) => col.table_name === 'confidential_reports' && col.column_name === 'description')).toBe(true);
      const found: string[] = [];
      for (const col of columns) {
        const value = col.data_type === 'bytea' ? `encode("${col.column_name}", 'escape')` : `"${col.column_name}"::text`;
        const [hit] = await admin.query(`SELECT count(*)::int AS n FROM "${col.table_name}" WHERE strpos(${value}, $1) > 0`, [MARK]);
        if (hit.n > 0) found.push(`${col.table_name}.${col.column_name}`);
      }
      expect(found).toEqual([]);
      // The check can find what is there: the same scan sees a marker written in clear.
      const [control] = await admin.query(`SELECT strpos(encode(convert_to($1, 'UTF8'), 'escape'), 'MARKER') > 0 AS ok`, [MARK]);
      expect(control.ok).toBe(true);
      // No column of the channel's tables holds a time of day.
      const times: { table_name: string; column_name: string }[] = await admin.query(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND data_type LIKE 'timestamp%'
            AND table_name IN ('confidential_reports', 'confidential_report_messages', 'confidential_report_attachments',
                               'confidential_report_keys', 'confidential_report_recipients', 'receipt_attempts')`,
      );
      expect(times).toEqual([]);
      const addressColumns: { n: number }[] = await admin.query(
        `SELECT count(*)::int AS n FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name IN ('reporter_sessions', 'receipt_attempts') AND column_name IN ('ip', 'user_agent', 'address')`,
      );
      expect(addressColumns[0].n).toBe(0);
    } finally {
      await admin.destroy();
    }
  });
});
