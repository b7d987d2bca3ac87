import { RetentionService } from '../src/report-channel/retention.service';
import { pdfText } from './pdf-tools';
import { acceptInvitation, addPerson, api, login, PASSWORD, startTestApp, unique, waitForMail, type TestApp } from './helpers';
import { channelFixture, type Channel } from './report-channel-fixtures';

describe('Confidential reports: retention and statistics', () => {
  let t: TestApp;
  let c: Channel;
  let handlerToken: string;

  async function submit(category = 'sexual_harassment', description = 'Text to be deleted one day') {
    const before: string[] = (await t.dataSource.query(`SELECT id FROM confidential_reports WHERE organization_id = $1`, [c.org.id])).map((r: { id: string }) => r.id);
    const res = await api(t.url, 'POST', `/api/report-channel/${c.org.code}/reports`, {
      body: { category, description, recipientIds: [c.partnerId], allowSatgasReferral: false, contact: 'wa 0812' },
    });
    if (res.status !== 201) throw new Error(`submit: ${res.status}`);
    const rows: { id: string }[] = await t.dataSource.query(`SELECT id FROM confidential_reports WHERE organization_id = $1`, [c.org.id]);
    return { receipt: res.body.receipt as string, id: rows.map((r) => r.id).find((id) => !before.includes(id)) as string };
  }

  async function close(id: string) {
    for (const body of [{ status: 'in_review' }, { status: 'closed', outcome: 'substantiated' }]) {
      const res = await api(t.url, 'PATCH', `/api/cases/${id}`, { token: handlerToken, body });
      if (res.status !== 200) throw new Error(`status: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    c = await channelFixture(t);
    await t.dataSource.query(`UPDATE users SET totp_exempt = true WHERE id = $1`, [c.handler.id]);
    handlerToken = await login(t.url, c.handler.email, PASSWORD);
  });
  afterAll(() => t.close());

  it('the partner sets its retention (at least 90 days), which a closing uses', async () => {
    const path = `/api/partners/${c.partnerId}/case-settings`;
    const low = await api(t.url, 'PUT', path, { token: handlerToken, body: { caseRetentionDays: 30 } });
    expect(low.status).toBe(400);
    expect(low.body.fields[0].field).toBe('caseRetentionDays');
    expect((await api(t.url, 'PUT', path, { token: c.org.hrToken, body: { caseRetentionDays: 120 } })).status).toBe(403);
    expect((await api(t.url, 'PUT', path, { token: handlerToken, body: { caseRetentionDays: 120 } })).body).toEqual({ caseRetentionDays: 120 });
    const { id } = await submit();
    await close(id);
    const [row] = await t.dataSource.query(`SELECT purge_on - closed_on AS days FROM confidential_reports WHERE id = $1`, [id]);
    expect(row.days).toBe(120);
  });

  it('deletes description, contact, messages and attachments once the retention has passed, and keeps the counts', async () => {
    const due = await submit('sexual_violence', 'due for deletion');
    const kept = await submit('sexual_violence', 'still within retention');
    const session = (await api(t.url, 'POST', '/api/reporter/session', { body: { receipt: due.receipt } })).body.token;
    await api(t.url, 'POST', '/api/reporter/report/messages', { token: session, body: { text: 'a message' } });
    await close(due.id);
    await close(kept.id);
    // As if the retention period had passed for one of them.
    await t.dataSource.query(`UPDATE confidential_reports SET purge_on = current_date - 1 WHERE id = $1`, [due.id]);
    const service = t.app.get(RetentionService);
    expect(await service.run()).toBe(1);
    expect(await service.run()).toBe(0);
    const [row] = await t.dataSource.query(
      `SELECT description, contact, content_deleted_on IS NOT NULL AS deleted, status, category FROM confidential_reports WHERE id = $1`,
      [due.id],
    );
    expect(row).toEqual({ description: null, contact: null, deleted: true, status: 'closed', category: 'sexual_violence' });
    const [messages] = await t.dataSource.query(`SELECT count(*)::int AS n, count(body)::int AS bodies FROM confidential_report_messages WHERE report_id = $1`, [due.id]);
    expect(messages).toEqual({ n: 1, bodies: 0 });
    const view = await api(t.url, 'GET', '/api/reporter/report', { token: session });
    expect(view.body).toMatchObject({ status: 'closed', description: null, messages: [] });
    expect((await api(t.url, 'POST', '/api/reporter/report/messages', { token: session, body: { text: 'too late' } })).status).toBe(404);
    const [other] = await t.dataSource.query(`SELECT description IS NOT NULL AS present FROM confidential_reports WHERE id = $1`, [kept.id]);
    expect(other.present).toBe(true);
    // The rows stay for the counts.
    const [count] = await t.dataSource.query(`SELECT count(*)::int AS n FROM confidential_reports WHERE organization_id = $1 AND category = 'sexual_violence'`, [c.org.id]);
    expect(count.n).toBe(2);
  });

  it('counts per quarter and category or status, with the one suppression, and the median days to close', async () => {
    // Five more harassment reports in the quarter (six with the first test's), and one "other".
    for (let i = 0; i < 5; i++) await submit('sexual_harassment');
    const single = await submit('other');
    const quarter = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;
    const byCategory = await api(t.url, 'GET', '/api/reports/cases?groupBy=category', { token: c.org.hrToken });
    expect(byCategory.status).toBe(200);
    const cell = (body: { rows: { quarter: string; group: string }[] }, group: string) => body.rows.find((r) => r.quarter === quarter && r.group === group);
    // sexual_violence has 2 (small): hidden; "other" has 1: hidden; harassment (6) stays visible
    // because the two hidden cells already protect each other against the published total.
    expect(cell(byCategory.body, 'sexual_violence')).toEqual({ quarter, group: 'sexual_violence', count: null, suppressed: true });
    expect(cell(byCategory.body, 'other')).toEqual({ quarter, group: 'other', count: null, suppressed: true });
    expect(cell(byCategory.body, 'sexual_harassment')).toEqual({ quarter, group: 'sexual_harassment', count: 6, suppressed: false });
    expect(cell(byCategory.body, 'retaliation')).toEqual({ quarter, group: 'retaliation', count: 0, suppressed: false });
    expect(byCategory.body.minGroupSize).toBe(5);

    // Three closed so far: the median is hidden; with five closed it shows (same day → 0 days).
    const medianOf = async () => (await api(t.url, 'GET', '/api/reports/cases?groupBy=status', { token: c.org.hrToken })).body.medianDaysToClose;
    expect(await medianOf()).toEqual([{ quarter, closed: null, medianDaysToClose: null, suppressed: true }]);
    const open: { id: string }[] = await t.dataSource.query(`SELECT id FROM confidential_reports WHERE organization_id = $1 AND status = 'received' AND id <> $2 LIMIT 2`, [c.org.id, single.id]);
    for (const r of open) await close(r.id);
    expect(await medianOf()).toEqual([{ quarter, closed: 5, medianDaysToClose: 0, suppressed: false }]);
    const byStatus = await api(t.url, 'GET', '/api/reports/cases?groupBy=status', { token: c.org.hrToken });
    // received (4) is small; closed (5) is hidden with it, or it would give received away from the total.
    expect(cell(byStatus.body, 'received')).toEqual({ quarter, group: 'received', count: null, suppressed: true });
    expect(cell(byStatus.body, 'closed')).toEqual({ quarter, group: 'closed', count: null, suppressed: true });
    expect(cell(byStatus.body, 'referred')).toEqual({ quarter, group: 'referred', count: 0, suppressed: false });
    expect((await api(t.url, 'GET', '/api/reports/cases?groupBy=unit', { token: c.org.hrToken })).body.fields[0].field).toBe('groupBy');
  });

  it('answers HR and engaged auditors only', async () => {
    const auditorEmail = `${unique('auditor')}@mitra.test`;
    await api(t.url, 'POST', `/api/partners/${c.partnerId}/auditors`, { token: c.adminToken, body: { email: auditorEmail, name: 'Auditor' } });
    await acceptInvitation(t.url, auditorEmail);
    const auditor = await login(t.url, auditorEmail, PASSWORD);
    expect((await api(t.url, 'GET', `/api/reports/cases?groupBy=status&organizationId=${c.org.id}`, { token: auditor })).status).toBe(200);
    expect((await api(t.url, 'GET', '/api/reports/cases?groupBy=status', { token: auditor })).body.fields[0].field).toBe('organizationId');
    const staff = await addPerson(t.dataSource, c.org.id, { password: true });
    expect((await api(t.url, 'GET', '/api/reports/cases?groupBy=status', { token: await login(t.url, staff.email, PASSWORD) })).status).toBe(403);
    expect((await api(t.url, 'GET', `/api/reports/cases?groupBy=status&organizationId=${c.org.id}`, { token: c.adminToken })).status).toBe(403);
    expect((await api(t.url, 'GET', `/api/reports/cases?groupBy=status&organizationId=${c.org.id}`, { token: handlerToken })).status).toBe(403);
  });

  it('the signed audit report carries the channel’s counts, with the same hidden cells, and no content', async () => {
    const queued = await api(t.url, 'POST', `/api/organizations/${c.org.id}/audit-reports`, {
      token: c.org.hrToken,
      body: { periodStart: '2026-01-01', periodEnd: '2026-12-31', lang: 'en' },
    });
    expect(queued.status).toBe(202);
    let text = '';
    for (let i = 0; i < 200 && !text; i++) {
      const list = await api(t.url, 'GET', `/api/organizations/${c.org.id}/audit-reports`, { token: c.org.hrToken });
      const report = list.body.find((r: { id: string }) => r.id === queued.body.id);
      if (report?.status === 'failed') throw new Error(`report failed: ${report.error}`);
      if (report?.status === 'done') {
        const pdf = await fetch(`${t.url}/api/audit-reports/${report.id}/pdf`, { headers: { authorization: `Bearer ${c.org.hrToken}` } });
        text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
      } else await new Promise((r) => setTimeout(r, 300));
    }
    expect(text).toContain('Confidential reporting channel');
    const quarter = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;
    // Columns: the five categories, closed, median: harassment 6, violence and other hidden, closed 5, median 0.
    const line = text.split('\n').find((l) => l.trim().startsWith(quarter));
    expect(line?.trim().split(/\s+/)).toEqual([quarter, '6', 'hidden', '0', '0', 'hidden', '5', '0']);
    expect(text).not.toContain('Text to be deleted');
  }, 120000);

  it('tells each recipient once a day how many cases have news, without any content', async () => {
    const { id } = await submit('other', 'nothing of this may be mailed');
    const service = t.app.get(RetentionService);
    const now = new Date();
    expect(await service.notifyRecipients(now)).toBeGreaterThanOrEqual(1);
    // Once a day: a second run queues nothing more for this handler (other suites' recipients may
    // get theirs in the meantime, the database is shared).
    await service.notifyRecipients(now);
    const digests: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE kind = 'case_digest' AND to_address = $1`,
      [c.handler.email],
    );
    expect(digests[0].n).toBe(1);
    const mail = await waitForMail(c.handler.email);
    const [unread] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM confidential_report_keys WHERE user_id = $1 AND read_upto IS NULL`,
      [c.handler.id],
    );
    expect(mail.text).toContain(`${unread.n} kasus rahasia`);
    expect(mail.text).not.toContain('nothing of this');
    expect(mail.text).not.toContain(id);
    const [row] = await t.dataSource.query(`SELECT organization_id FROM outbox_messages WHERE kind = 'case_digest' AND to_address = $1`, [c.handler.email]);
    expect(row.organization_id).toBeNull();
  });
});
