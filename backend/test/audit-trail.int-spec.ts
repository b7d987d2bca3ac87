import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrailService } from '../src/audit-trail/audit-trail.service';
import { entryHash, entryHashOfForm, GENESIS_HASH, redactEntry, type Salts } from '../src/audit-trail/canonical';
import { headStatementBytes, keyIdOf } from '../src/audit/signing-keys.service';
import { hashPassword } from '../src/identity/crypto';
import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg } from './helpers';

interface ChainRow {
  seq: string;
  chain_id: string;
  at: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
  form: 1 | 2;
  salts: Salts | null;
}

const CHAIN_ROWS = `SELECT c.seq, c.chain_id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, e.actor_id,
            e.action, e.target_type, e.target_id, e.details, c.prev_hash, c.hash, c.salts,
            CASE WHEN c.seq >= f.v2_from_seq THEN 2 ELSE 1 END AS form
       FROM audit_chain c JOIN audit_entries e ON e.id = c.entry_id LEFT JOIN audit_chain_forms f ON f.chain_id = c.chain_id
      WHERE c.chain_id = $1 ORDER BY c.seq`;

function rowHash(r: ChainRow, prevHash: string): string {
  const entry = { seq: Number(r.seq), chainId: r.chain_id, at: r.at, actorId: r.actor_id, action: r.action, targetType: r.target_type, targetId: r.target_id, details: r.details, prevHash };
  return entryHashOfForm(entry, r.form, r.salts);
}

/** Recomputes the chain from the stored entries the way an auditor would. */
async function verifyChain(dataSource: DataSource | EntityManager, chainId: string): Promise<{ entries: number; firstBroken: number | null }> {
  const rows: ChainRow[] = await dataSource.query(CHAIN_ROWS, [chainId]);
  let prev = GENESIS_HASH;
  for (const [i, r] of rows.entries()) {
    const seq = Number(r.seq);
    if (seq !== i + 1 || r.prev_hash !== prev || r.hash !== rowHash(r, prev)) return { entries: rows.length, firstBroken: seq };
    prev = r.hash;
  }
  return { entries: rows.length, firstBroken: null };
}

describe('audit trail core', () => {
  let t: TestApp;
  let org: TestOrg;
  let sut: AuditTrailService;

  beforeAll(async () => {
    t = await startTestApp();
    sut = t.app.get(AuditTrailService);
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
  });
  afterAll(() => t.close());

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    await sut.sequenceNow();
    const [entry] = await t.dataSource.query(`SELECT id FROM audit_entries WHERE organization_id = $1 LIMIT 1`, [org.id]);
    await expect(t.dataSource.query(`UPDATE audit_entries SET action = 'x' WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_entries WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_entries CASCADE`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`UPDATE audit_chain SET hash = 'x' WHERE entry_id = $1`, [entry.id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_chain WHERE entry_id = $1`, [entry.id])).rejects.toThrow(/append-only/);
  });

  it('refuses an append outside a transaction and records nothing from a rolled-back one', async () => {
    expect(() => sut.append(t.dataSource.manager, { organizationId: org.id, actorId: null, action: 'x' })).toThrow(/inside/);
    await expect(
      t.dataSource.transaction(async (m) => {
        await sut.append(m, { organizationId: org.id, actorId: null, action: 'test.rolled_back' });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    const rows = await t.dataSource.query(`SELECT 1 FROM audit_entries WHERE action = 'test.rolled_back'`);
    expect(rows).toHaveLength(0);
  });

  it('chains entries per organisation with seq, prev hash and sha256 of the canonical form', async () => {
    await sut.sequenceNow();
    const before = await verifyChain(t.dataSource, org.id);
    expect(before.firstBroken).toBeNull();
    expect(before.entries).toBeGreaterThanOrEqual(3); // onboarded, roles, login
    await expect(t.dataSource.query(`SELECT count(*)::int AS n FROM audit_pending WHERE chain_id = $1`, [org.id])).resolves.toEqual([{ n: 0 }]);
  });

  it('keeps a valid chain after 50 concurrent actions and two sequencers racing', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.dataSource.transaction((m) =>
          sut.append(m, { organizationId: org.id, actorId: null, action: 'test.concurrent', details: { i, nested: { b: 2, a: 1 } } }),
        ),
      ),
    );
    const other = await startTestApp();
    try {
      await Promise.all([sut.sequenceNow(), other.app.get(AuditTrailService).sequenceNow(), sut.sequenceNow()]);
      await sut.sequenceNow();
    } finally {
      await other.close();
    }
    const result = await verifyChain(t.dataSource, org.id);
    expect(result.firstBroken).toBeNull();
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE organization_id = $1`, [org.id]);
    expect(result.entries).toBe(n);
  });

  it('detects an edited entry when the protection is lifted (as an attacker with superuser would)', async () => {
    await sut.sequenceNow();
    const [victim] = await t.dataSource.query(
      `SELECT c.seq, e.id FROM audit_chain c JOIN audit_entries e ON e.id = c.entry_id WHERE c.chain_id = $1 ORDER BY c.seq OFFSET 2 LIMIT 1`,
      [org.id],
    );
    await t.dataSource.transaction(async (m) => {
      await m.query(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only`);
      await m.query(`UPDATE audit_entries SET details = '{"tampered": true}' WHERE id = $1`, [victim.id]);
      const rows = await m.query(`SELECT details FROM audit_entries WHERE id = $1`, [victim.id]);
      expect(rows[0].details).toEqual({ tampered: true });
      // Verify inside the transaction (the edit is visible only here), then roll everything back.
      await expect(verifyChain(m, org.id)).resolves.toMatchObject({ firstBroken: Number(victim.seq) });
      throw new Error('rollback');
    }).catch((e: Error) => expect(e.message).toBe('rollback'));
    await expect(verifyChain(t.dataSource, org.id)).resolves.toMatchObject({ firstBroken: null });
  });
});
