namespace Hotset.Engine.Persistence.Migrations;

/// <summary>The schema scripts for SQLite. Ids are text, times are Unix milliseconds, flags 0/1.</summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "initial schema", """
            CREATE TABLE clusters (id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL,
                compat_version TEXT NOT NULL, architecture TEXT NOT NULL, threads_as_cores INTEGER NOT NULL,
                vcpu_overcommit_ratio REAL NOT NULL, version INTEGER NOT NULL);
            CREATE UNIQUE INDEX ux_clusters_name ON clusters (lower(name));
            CREATE TABLE hosts (id TEXT PRIMARY KEY, name TEXT NOT NULL, cluster_id TEXT NOT NULL, address TEXT NOT NULL,
                secret TEXT NOT NULL, status TEXT NOT NULL, capabilities TEXT NULL, version INTEGER NOT NULL);
            CREATE UNIQUE INDEX ux_hosts_name ON hosts (lower(name));
            CREATE TABLE templates (id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL,
                configuration TEXT NOT NULL);
            CREATE UNIQUE INDEX ux_templates_name ON templates (lower(name));
            CREATE TABLE vms (id TEXT PRIMARY KEY, name TEXT NOT NULL, cluster_id TEXT NOT NULL, template_id TEXT NULL,
                status TEXT NOT NULL, run_on_host_id TEXT NULL, started_max_vcpus INTEGER NOT NULL,
                vcpu_count INTEGER NOT NULL, guest_cpu_count INTEGER NOT NULL, created_at INTEGER NOT NULL,
                version INTEGER NOT NULL, configuration TEXT NOT NULL, next_run TEXT NULL);
            CREATE UNIQUE INDEX ux_vms_name ON vms (lower(name));
            CREATE INDEX ix_vms_host ON vms (run_on_host_id);
            CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, code INTEGER NOT NULL, severity TEXT NOT NULL,
                message TEXT NOT NULL, event_time INTEGER NOT NULL, vm_id TEXT NULL, host_id TEXT NULL, cluster_id TEXT NULL,
                correlation_id TEXT NULL, user_name TEXT NULL);
            CREATE INDEX ix_audit_log_code ON audit_log (code);
            CREATE INDEX ix_audit_log_vm ON audit_log (vm_id);
            CREATE TABLE config_overrides (key TEXT NOT NULL, compat_version TEXT NOT NULL, architecture TEXT NOT NULL,
                value TEXT NOT NULL, PRIMARY KEY (key, compat_version, architecture));
            CREATE TABLE users (name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
            CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, issued_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL);
            """),
        new(2, "user ids and permissions", """
            ALTER TABLE users ADD COLUMN id TEXT NULL;
            UPDATE users SET id = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
                || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
            CREATE UNIQUE INDEX ux_users_id ON users (id);
            CREATE TABLE permissions (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, role_id TEXT NOT NULL,
                object_type TEXT NOT NULL, object_id TEXT NOT NULL, created_at INTEGER NOT NULL);
            CREATE UNIQUE INDEX ux_permissions_grant ON permissions (user_id, role_id, object_type, object_id);
            CREATE INDEX ix_permissions_object ON permissions (object_type, object_id);
            """),
        new(3, "vNUMA cells of VMs", """
            ALTER TABLE vms ADD COLUMN numa_nodes TEXT NULL;
            """),
    ];
}
