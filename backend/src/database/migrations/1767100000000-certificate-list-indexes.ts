import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation's certificate list (HR, and auditors of a `named` engagement) searches the
 * holder's name or the serial anywhere in the text and filters by module. At 100,000 people with
 * several certificates each, counting the matches must not walk every certificate of the
 * organisation: a trigram index for the search (pg_trgm is created by the people migration), and
 * the module beside the organisation for the filter, still in issue order for the page.
 */
export class CertificateListIndexes1767100000000 implements MigrationInterface {
  name = 'CertificateListIndexes1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX certificates_search_trgm ON certificates USING gin ((holder_name || ' ' || serial) gin_trgm_ops)`);
    await q.query(`CREATE INDEX certificates_org_module_idx ON certificates (organization_id, module_slug, issued_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS certificates_org_module_idx`);
    await q.query(`DROP INDEX IF EXISTS certificates_search_trgm`);
  }
}
