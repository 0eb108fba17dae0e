using Flow.Instances;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Npgsql;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>
/// The retention deletes find their rows through indexes whatever the table's size: the ids to
/// delete are collected first (<c>id = ANY(ARRAY(...))</c>), so the planner cannot turn the
/// delete into a hash join over a scan of the whole table (which, with a LIMIT it cannot
/// estimate, it did: every count check read every page of flow_instances).
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRetentionPlanTests(PostgreSqlFixture fixture)
{
    private readonly string _database = fixture.NewDatabase();

    public static TheoryData<string> Deletes => new()
    {
        PostgreSqlInstanceStore.CountBoundSql.Replace("$1", "19900", StringComparison.Ordinal),
        PostgreSqlInstanceStore.CountBoundAfterSaveSql.Replace("$1", "19900", StringComparison.Ordinal).Replace("$2", "64", StringComparison.Ordinal),
        PostgreSqlInstanceStore.CountBoundStrideSql.Replace("$1", "19900", StringComparison.Ordinal),
        PostgreSqlInstanceStore.AgeBoundSql.Replace("$1", "now() - interval '2 hours' + interval '100 ms'", StringComparison.Ordinal),
    };

    [Theory]
    [MemberData(nameof(Deletes))]
    public async Task A_retention_delete_on_a_large_table_never_scans_the_whole_table(string delete)
    {
        using (var store = new PostgreSqlInstanceStore(_database))
        {
            Assert.True(await store.TrySaveAsync(Instances.Waiting("created-by-the-store"), 0));
        }

        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using (var fill = new NpgsqlCommand(
            """
            INSERT INTO flow_instances (id, process_key, deployment_name, deployment_version, definition_hash, status, state_json, revision,
                                        ended, ended_at, ended_seq, created_at, updated_at)
            SELECT 'i-' || n, 'order', 'Shop.Flows', 1, 'hash-1', 'Completed', repeat('x', 200), 2,
                   true, now() - interval '2 hours' + n * interval '1 ms', nextval('flow_ended_seq'), now(), now()
            FROM generate_series(1, 20000) AS n;
            ANALYZE flow_instances;
            ANALYZE flow_ended_count;
            """,
            connection))
        {
            await fill.ExecuteNonQueryAsync();
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, COSTS OFF) " + delete, connection, transaction);
        var plan = string.Join("\n", await PostgreSqlInstanceStoreTests.ReadAll(explain));
        await transaction.RollbackAsync();

        Assert.DoesNotContain("Seq Scan on flow_instances", plan, StringComparison.Ordinal);
        Assert.Contains("flow_instances_pkey", plan, StringComparison.Ordinal);
    }
}
