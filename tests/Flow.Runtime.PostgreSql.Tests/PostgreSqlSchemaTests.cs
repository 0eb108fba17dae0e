using Flow.Deployment.Storage;
using Flow.Instances;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Npgsql;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>The schema is created and upgraded by the stores: once, also when nodes start at once; a newer schema is refused.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSchemaTests(PostgreSqlFixture fixture)
{
    private readonly string _database = fixture.NewDatabase();

    private async Task<List<string>> Query(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await PostgreSqlInstanceStoreTests.ReadAll(command);
    }

    [Fact]
    public async Task Stores_starting_at_once_on_an_empty_database_create_the_schema_once_and_all_work()
    {
        using var start = new Barrier(6);
        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Task.Run<IDisposable>(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return n % 2 == 0 ? new PostgreSqlInstanceStore(_database) : new PostgreSqlDeploymentStore(_database);
        }))).WaitAsync(TimeSpan.FromSeconds(60));
        try
        {
            Assert.Equal(["1", "2", "3", "4"], await Query("SELECT version FROM flow_schema_version ORDER BY version;"));
            var store = (PostgreSqlInstanceStore)stores[0];
            Assert.True(await store.TrySaveAsync(Instances.Waiting("i"), 0));
            Assert.Equal(64, int.Parse((await Query("SELECT count(*) FROM flow_ended_count;"))[0]));
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
    }

    [Fact]
    public async Task Opening_again_changes_nothing_and_a_newer_schema_is_refused_naming_both_versions()
    {
        using (var store = new PostgreSqlInstanceStore(_database))
        {
            await store.TrySaveAsync(Instances.Waiting("i"), 0);
        }

        using (var again = new PostgreSqlInstanceStore(_database))
        {
            Assert.NotNull(await again.LoadAsync("i"));
        }

        await Query("INSERT INTO flow_schema_version (version) VALUES (99) RETURNING version;");
        var error = Assert.Throws<FlowStoreException>(() => new PostgreSqlInstanceStore(_database));
        Assert.Equal("FLOW6101", error.Id);
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {PostgreSqlSchema.LatestVersion}", error.Message, StringComparison.Ordinal);
        Assert.Equal(["1", "2", "3", "4", "99"], await Query("SELECT version FROM flow_schema_version ORDER BY version;"));
        Assert.Equal(["1"], await Query("SELECT count(*) FROM flow_instances;"));
    }

    [Fact]
    public void A_server_that_does_not_answer_is_reported_with_its_database_within_the_connect_timeout()
    {
        var builder = new NpgsqlConnectionStringBuilder(_database) { Port = 1, Timeout = 2 }; // nothing listens on port 1
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<FlowStoreException>(() => new PostgreSqlInstanceStore(builder.ToString()));
        Assert.Equal("FLOW6100", error.Id);
        Assert.Contains(builder.Database!, error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }
}
