import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for HR's people list at 100,000 people per organisation: the default page (active people
 * by name) reads an index in order instead of sorting the organisation, and the search box
 * (`ILIKE '%…%'` over name, email and employee number) uses a trigram index instead of a scan.
 */
export class People1764200000000 implements MigrationInterface {
  name = 'People1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX users_org_status_name_idx ON users (organization_id, status, name, id)`);
    // pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it without superuser.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(
      `CREATE INDEX users_search_trgm ON users
         USING gin ((name || ' ' || coalesce(email, '') || ' ' || coalesce(employee_number, '')) gin_trgm_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS users_search_trgm`);
    await q.query(`DROP INDEX IF EXISTS users_org_status_name_idx`);
    // pg_trgm stays: other objects may have come to depend on it since.
  }
}
