using Npgsql;

namespace Accelerator.AppHost;

/// <summary>
/// PostgreSQL accounts of least privilege: each service logs in as its own role (<c>applications</c> for
/// <c>applicationsdb</c>, …), which owns its database and everything in it; nobody else may connect to that database. The
/// superuser <c>postgres</c> stays the operator's. Applied on every start, so a cluster made by an earlier version (where
/// everything belonged to <c>postgres</c>) is brought in line. Local passwords are <c>{service}-dev</c> unless
/// <c>Parameters:postgres-{service}-password</c> says otherwise.
/// </summary>
internal static class DatabaseAccounts
{
    public static string RoleOf(string database) => database.EndsWith("db", StringComparison.Ordinal) ? database[..^2] : database;

    public static string PasswordOf(IDistributedApplicationBuilder builder, string role) =>
        builder.Configuration[$"Parameters:postgres-{role}-password"] ?? $"{role}-dev";

    /// <summary>Idempotent. <paramref name="superuser"/> is a connection string of the superuser to any database.</summary>
    public static async Task EnsureAsync(string superuser, IEnumerable<(string Database, string Password)> accounts, CancellationToken cancellationToken)
    {
        foreach (var (database, password) in accounts)
        {
            var role = RoleOf(database);
            await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuser) { Database = "postgres", Pooling = false }.ConnectionString))
            {
                await admin.OpenAsync(cancellationToken);
                await ExecuteAsync(admin, $"""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {Literal(role)}) THEN CREATE ROLE {Name(role)} LOGIN; END IF;
                    END $$;
                    ALTER ROLE {Name(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {Literal(password)};
                    """, cancellationToken);
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin) { Parameters = { new("name", database) } };
                if (await exists.ExecuteScalarAsync(cancellationToken) is null)
                    await ExecuteAsync(admin, $"CREATE DATABASE {Name(database)} OWNER {Name(role)}", cancellationToken);
                await ExecuteAsync(admin, $"ALTER DATABASE {Name(database)} OWNER TO {Name(role)}; REVOKE ALL ON DATABASE {Name(database)} FROM PUBLIC;",
                    cancellationToken);
            }

            // What an earlier version created as the superuser inside the database now belongs to the service.
            await using var inside = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuser) { Database = database, Pooling = false }.ConnectionString);
            await inside.OpenAsync(cancellationToken);
            await ExecuteAsync(inside, $"""
                DO $$ DECLARE item record; BEGIN
                  FOR item IN SELECT nspname FROM pg_namespace
                      WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema' AND nspowner <> {Literal(role)}::regrole LOOP
                    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', item.nspname, {Literal(role)});
                  END LOOP;
                  FOR item IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND c.relkind IN ('r','p','v','m','S','f')
                        AND c.relowner <> {Literal(role)}::regrole LOOP
                    EXECUTE format('ALTER %s %s OWNER TO %I',
                      CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                      item.name, {Literal(role)});
                  END LOOP;
                  FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                      WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND p.proowner <> {Literal(role)}::regrole LOOP
                    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.name, {Literal(role)});
                  END LOOP;
                END $$;
                """, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Name(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";
}
