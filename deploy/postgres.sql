-- The database and its role, run once by a PostgreSQL superuser:
--   sudo -u postgres psql -v password="'a long random password'" -f deploy/postgres.sql
-- The role owns its database and nothing else; it cannot create roles or other databases.
CREATE ROLE scr_monitor LOGIN PASSWORD :password NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE scr_monitor OWNER scr_monitor ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE scr_monitor FROM PUBLIC;
\connect scr_monitor
-- PostgreSQL 15 and later: only the owner may create tables in the public schema.
ALTER SCHEMA public OWNER TO scr_monitor;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
