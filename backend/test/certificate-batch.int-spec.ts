import { jest } from '@jest/globals';
import { CertificatesService } from '../src/certificates/certificates.service';
import { addAssignment, addEmployee } from './assignment-fixtures';
import { createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg } from './helpers';

jest.setTimeout(90000);

describe('certificate rendering batch (real Chromium, real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
  });
  afterAll(() => t.close());

  /** A certificate issued through the service for a completed assignment, first in the render queue. */
  async function pendingCertificate(name: string, issuedAt: string): Promise<string> {
    const person = await addEmployee(t.dataSource, org.id, { name, locale: 'en' });
    const slug = 'recognising-harassment';
    const assignmentId = await addAssignment(t.dataSource, org.id, person.id, slug, { dueOn: '2099-01-01', completedAt: issuedAt, expiresOn: '2099-01-01' });
    const [completion] = await t.dataSource.query(
      `INSERT INTO completions (organization_id, assignment_id, user_id, module_slug, module_version, score, time_spent_seconds, completed_at)
       VALUES ($1, $2, $3, $4, 'v-test', 100, 600, $5) RETURNING id`,
      [org.id, assignmentId, person.id, slug, issuedAt],
    );
    const serial = await t.dataSource.transaction((m) =>
      t.app.get(CertificatesService).issue(m, {
        completionId: completion.id, assignmentId, organizationId: org.id, userId: person.id, slug, version: 'v-test',
        title: { id: 'Mengenali Pelecehan', en: 'Recognising Harassment' },
      }),
    );
    return serial;
  }

  const state = async (serial: string) =>
    (await t.dataSource.query(`SELECT pdf IS NOT NULL AS rendered, render_attempts AS attempts, render_claimed_at IS NOT NULL AS claimed FROM certificates WHERE serial = $1`, [serial]))[0];

  it('renders the rest of a claimed batch at once when one certificate fails, and keeps only that one back', async () => {
    // Issued long ago, so that these three are the oldest waiting and claimed together, in this order.
    const first = await pendingCertificate('Ayu Lestari', '2001-01-01T08:00:00Z');
    const poisoned = await pendingCertificate('Bima Saputra', '2001-01-02T08:00:00Z');
    const third = await pendingCertificate('Citra Dewi', '2001-01-03T08:00:00Z');
    // A row the template cannot render (its title is JSON null): rendering it throws every time.
    await t.dataSource.query(`UPDATE certificates SET module_title = 'null'::jsonb WHERE serial = $1`, [poisoned]);

    const rendered = await t.app.get(CertificatesService).renderPending(3);
    expect(rendered).toBe(2);
    expect(await state(first)).toMatchObject({ rendered: true });
    expect(await state(third)).toMatchObject({ rendered: true });
    // The failed one is marked (one attempt, its claim kept as the back-off before the next attempt).
    expect(await state(poisoned)).toMatchObject({ rendered: false, attempts: 1, claimed: true });
    // A new batch does not pick it up again at once, nor does it fail.
    await expect(t.app.get(CertificatesService).renderPending(3)).resolves.toBeGreaterThanOrEqual(0);
    expect(await state(poisoned)).toMatchObject({ rendered: false, attempts: 1 });
  });

  // Last: it stops the service's renderer for the rest of this app.
  it('hands a claim back, not counted as an attempt, when the app stops before its print starts', async () => {
    const a = await pendingCertificate('Dian Kusuma', '2001-01-04T08:00:00Z');
    const b = await pendingCertificate('Eka Putri', '2001-01-05T08:00:00Z');
    const service = t.app.get(CertificatesService);
    await service.onApplicationShutdown();
    expect(await service.renderPending(2)).toBe(0);
    for (const serial of [a, b]) expect(await state(serial)).toMatchObject({ rendered: false, attempts: 0, claimed: false });
  });
});
