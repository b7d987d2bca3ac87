#!/bin/sh
# Runs once, when the postgres image initialises an empty volume (as its superuser). Two roles, so
# the running app cannot lift the audit trail's protection (backend/src/database/roles.ts):
#   aman_owner  owns the database and schema; the app runs migrations with it (MIGRATION_DATABASE_URL)
#   aman_app    the app's runtime role (DATABASE_URL); the app grants it rows only, after migrating
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v db="$POSTGRES_DB" -v owner_pw="$AMAN_OWNER_PASSWORD" -v app_pw="$AMAN_APP_PASSWORD" <<'SQL'
CREATE ROLE aman_owner LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION PASSWORD :'owner_pw';
CREATE ROLE aman_app LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION PASSWORD :'app_pw';
ALTER DATABASE :"db" OWNER TO aman_owner;
ALTER SCHEMA public OWNER TO aman_owner;
SQL
