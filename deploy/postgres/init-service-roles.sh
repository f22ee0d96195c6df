#!/bin/sh
# First start of the postgres container (docker-entrypoint-initdb.d): each service its own role, owning only its own
# database, which no other role may connect to. Passwords come from <SERVICE>_DB_PASSWORD (see .env.example).
set -eu
for service in applications selection mentoring resources notifications; do
  variable="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="$(printenv "$variable")"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v role="$service" -v database="${service}db" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
SQL
done
