import PgBoss from 'pg-boss';
import pg from 'pg';
import { runMigrations } from './data-source';

/**
 * Two database roles, so that the running app cannot lift the audit trail's protection:
 *  - the owner (migrations) owns the schema, the tables and their triggers;
 *  - the runtime role (DATABASE_URL) reads and writes rows, and on the audit trail's append-only
 *    tables (every table with an audit_refuse_change trigger) may only SELECT and INSERT. It owns
 *    nothing, so it cannot ALTER TABLE … DISABLE TRIGGER, and it is no superuser.
 * A superuser can still do anything; the signed report heads (anchors) catch a rewritten chain.
 */
export const OWNER_ROLE = 'aman_owner';
export const APP_ROLE = 'aman_app';
export const JOBS_SCHEMA = 'pgboss';

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'aman-setup' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * As a superuser: makes (or updates) the owner and runtime roles with these passwords, gives the
 * database and everything already in it (an install from before the roles) to the owner.
 * Idempotent; used by the embedded server and the tests' set-up.
 */
export async function ensureRoles(superuserUrl: string, passwords: { owner: string; app: string }): Promise<void> {
  const database = decodeURIComponent(new URL(superuserUrl).pathname.slice(1));
  await withClient(superuserUrl, async (c) => {
    for (const [role, password] of [
      [OWNER_ROLE, passwords.owner],
      [APP_ROLE, passwords.app],
    ] as const) {
      const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      await c.query(`${verb} ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS PASSWORD ${quoteLiteral(password)}`);
    }
    await c.query(`ALTER DATABASE ${quoteIdent(database)} OWNER TO ${quoteIdent(OWNER_ROLE)}`);
    await c.query(`ALTER SCHEMA public OWNER TO ${quoteIdent(OWNER_ROLE)}`);
    // Objects made before the roles existed (by the superuser) move to the owner; extensions' own
    // objects stay with the extension.
    await c.query(
      `DO $$
       DECLARE r record;
       BEGIN
         FOR r IN
           SELECT CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' WHEN c.relkind IN ('v') THEN 'VIEW'
                       WHEN c.relkind = 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind,
                  format('%I.%I', n.nspname, c.relname) AS name
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('public', '${JOBS_SCHEMA}') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
              AND c.relowner <> '${OWNER_ROLE}'::regrole
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
         LOOP
           EXECUTE format('ALTER %s %s OWNER TO ${OWNER_ROLE}', r.kind, r.name);
         END LOOP;
         FOR r IN
           SELECT p.oid::regprocedure::text AS name
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname IN ('public', '${JOBS_SCHEMA}') AND p.proowner <> '${OWNER_ROLE}'::regrole
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
         LOOP
           EXECUTE format('ALTER ROUTINE %s OWNER TO ${OWNER_ROLE}', r.name);
         END LOOP;
         FOR r IN
           SELECT format('%I.%I', n.nspname, t.typname) AS name
             FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname IN ('public', '${JOBS_SCHEMA}') AND t.typtype IN ('e', 'd') AND t.typowner <> '${OWNER_ROLE}'::regrole
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
         LOOP
           EXECUTE format('ALTER TYPE %s OWNER TO ${OWNER_ROLE}', r.name);
         END LOOP;
         IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '${JOBS_SCHEMA}') THEN
           EXECUTE 'ALTER SCHEMA ${JOBS_SCHEMA} OWNER TO ${OWNER_ROLE}';
         END IF;
       END $$`,
    );
  });
}

/** A URL with another role and password (same server and database). */
export function urlAs(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * pg-boss's tables, made by the owner at migrate time. Creating a queue makes a partition table
 * (DDL), so its two queue functions run with the owner's rights (SECURITY DEFINER): the runtime
 * role calls them without owning anything.
 */
async function installJobSchema(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOBS_SCHEMA, max: 1, supervise: false, schedule: false, application_name: 'aman-setup' });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
  await withClient(ownerUrl, async (c) => {
    for (const fn of ['create_queue(text, json)', 'delete_queue(text)']) {
      await c.query(`ALTER FUNCTION ${JOBS_SCHEMA}.${fn} SECURITY DEFINER SET search_path = pg_catalog, ${JOBS_SCHEMA}`);
    }
  });
}

/**
 * As the owner: what the runtime role may do, now and on objects the owner makes later. Idempotent,
 * run after every migration.
 */
export async function grantRuntimeRole(ownerUrl: string, runtimeRole: string): Promise<void> {
  const app = quoteIdent(runtimeRole);
  await withClient(ownerUrl, async (c) => {
    await c.query('BEGIN');
    for (const schema of ['public', JOBS_SCHEMA]) {
      await c.query(`GRANT USAGE ON SCHEMA ${schema} TO ${app}`);
      await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${app}`);
      await c.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${app}`);
      await c.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO ${app}`);
      await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
      await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${app}`);
      await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT EXECUTE ON FUNCTIONS TO ${app}`);
    }
    // The append-only tables are those the refusing trigger guards: rows are added and read, never
    // changed (the sequencer only INSERTs into audit_chain and DELETEs from audit_pending).
    const { rows } = await c.query<{ name: string }>(
      `SELECT DISTINCT format('%I.%I', n.nspname, c.relname) AS name
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE t.tgfoid = 'audit_refuse_change()'::regprocedure`,
    );
    for (const { name } of rows) {
      await c.query(`REVOKE ALL ON ${name} FROM ${app}`);
      await c.query(`GRANT SELECT, INSERT ON ${name} TO ${app}`);
    }
    await c.query('COMMIT');
  });
}

/** Why this runtime role could lift the trail's protection (it owns an audit table or is superuser), or null. */
export async function runtimeRoleProblem(runtimeUrl: string): Promise<string | null> {
  return withClient(runtimeUrl, async (c) => {
    const { rows } = await c.query<{ superuser: boolean; owns: string[] }>(
      `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              ARRAY(SELECT DISTINCT c.relname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                     WHERE t.tgfoid = 'audit_refuse_change()'::regprocedure AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owns`,
    );
    const [row] = rows;
    if (row.superuser) return `the role ${roleOf(runtimeUrl)} of DATABASE_URL is a superuser`;
    if (row.owns.length) return `the role ${roleOf(runtimeUrl)} of DATABASE_URL owns the audit tables (${row.owns.join(', ')})`;
    return null;
  });
}

/**
 * Migrations as the owner, pg-boss's schema, then the runtime role's grants. With one URL for both
 * (no MIGRATION_DATABASE_URL) the grants are skipped and a warning says what the role could do.
 */
export async function prepareDatabase(options: { migrationUrl: string; runtimeUrl: string }): Promise<{ ran: string[]; warning: string | null }> {
  const ran = await runMigrations(options.migrationUrl);
  await installJobSchema(options.migrationUrl);
  const runtimeRole = roleOf(options.runtimeUrl);
  if (runtimeRole !== roleOf(options.migrationUrl)) await grantRuntimeRole(options.migrationUrl, runtimeRole);
  const problem = await runtimeRoleProblem(options.runtimeUrl);
  const warning = problem
    ? `${problem}: the app could disable the audit trail's triggers. Give the app a role of its own and run migrations with MIGRATION_DATABASE_URL (README, "Database roles").`
    : null;
  return { ran, warning };
}
