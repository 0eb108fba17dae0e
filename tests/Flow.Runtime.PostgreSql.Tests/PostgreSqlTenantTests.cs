using Flow.Instances;
using Flow.Jobs;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Npgsql;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>The instance's tenant in PostgreSQL (issue 16): schema version 3, every save path writes it, queries filter by it, a version 2 database is upgraded.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlTenantTests(PostgreSqlFixture fixture)
{
    private readonly string _database = fixture.NewDatabase();

    [Fact]
    public async Task Every_save_path_writes_the_tenant_queries_filter_by_it_and_a_version_2_database_is_upgraded()
    {
        // A database written before tenants: versions 1 and 2, with an instance.
        await ExecuteAsync(PostgreSqlSchema.Migrations[0] + PostgreSqlSchema.Migrations[1] + """
            CREATE TABLE flow_schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO flow_schema_version (version) VALUES (1), (2);
            INSERT INTO flow_instances (id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision, ended, created_at, updated_at, has_children)
            VALUES ('old', 'order', 'Shop.Flows', 1, 'hash-1', 'Waiting', '{"Data":{"amount":7}}', 1, false, now(), now(), false);
            """);
        using var upgraded = new PostgreSqlInstanceStore(_database);

        var job = new ScheduledJob("a/t/1", "timer", DateTimeOffset.UnixEpoch.AddDays(1)) { InstanceId = "full" };
        Assert.True(await upgraded.TrySaveAsync(Instances.Waiting("plain") with { TenantId = "acme" }, 0));                    // plain insert
        Assert.True(await upgraded.TrySaveAsync(Instances.Waiting("full") with { TenantId = "acme", Jobs = [job] }, 0));      // insert with children
        var full = (await upgraded.LoadAsync("full"))!;
        Assert.True(await upgraded.TrySaveAsync(full with { TenantId = "globex", Jobs = [job] }, full.Revision));            // update with children
        var plain = (await upgraded.LoadAsync("plain"))!;
        Assert.True(await upgraded.TrySaveAsync(plain with { TenantId = null }, plain.Revision));                             // multi-row update

        Assert.Null((await upgraded.LoadAsync("old"))!.TenantId);
        Assert.Null((await upgraded.LoadAsync("plain"))!.TenantId);
        Assert.Equal("globex", (await upgraded.LoadAsync("full"))!.TenantId);
        Assert.Equal(["full"], (await upgraded.QueryAsync(new InstanceQuery { TenantId = "globex" })).Select(i => i.Id));
        Assert.Empty(await upgraded.QueryAsync(new InstanceQuery { TenantId = "acme" }));
        Assert.Equal(3, (await upgraded.QueryAsync(new InstanceQuery())).Count);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
