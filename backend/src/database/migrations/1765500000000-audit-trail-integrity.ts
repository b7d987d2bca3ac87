import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trail's canonical form v2 and signed report heads.
 *
 * - audit_chain_forms: per chain, the first sequence number hashed in form v2 (identifying values
 *   enter the hash as salted digests). Chains that exist now switch at their next entry, so every
 *   hash already computed, and every head stated in a report, stays what it was. Chains started
 *   later get their row from the sequencer (v2 from seq 1). Append-only like the trail itself.
 * - audit_chain.salts: the salts of an entry's identifying values (null for v1 entries). Kept on the
 *   link row because the sequencer draws them when it hashes, and entries committed before this
 *   migration but chained after it need them too.
 * - audit_reports.head_signature: Ed25519 over the report's head statement (sha256, head seq and hash),
 *   which verify checks against keys from files, not from the database.
 */
export class AuditTrailIntegrity1765500000000 implements MigrationInterface {
  name = 'AuditTrailIntegrity1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chain_forms (
        chain_id uuid PRIMARY KEY,
        v2_from_seq bigint NOT NULL CHECK (v2_from_seq >= 1),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO audit_chain_forms (chain_id, v2_from_seq)
      SELECT chain_id, max(seq) + 1 FROM audit_chain GROUP BY chain_id`);
    await q.query(
      `CREATE TRIGGER audit_chain_forms_append_only BEFORE UPDATE OR DELETE ON audit_chain_forms FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER audit_chain_forms_no_truncate BEFORE TRUNCATE ON audit_chain_forms FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
    );
    await q.query(`ALTER TABLE audit_chain ADD COLUMN salts jsonb`);
    await q.query(`ALTER TABLE audit_reports ADD COLUMN head_signature text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_reports DROP COLUMN IF EXISTS head_signature`);
    await q.query(`ALTER TABLE audit_chain DROP COLUMN IF EXISTS salts`);
    await q.query(`DROP TABLE IF EXISTS audit_chain_forms`);
  }
}
