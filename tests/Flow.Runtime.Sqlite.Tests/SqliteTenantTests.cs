using System.Text.Json;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;
using Flow.Instances;
using Microsoft.Data.Sqlite;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>Tenants in the SQLite stores (issue 16): the instance's tenant is a column (schema version 5), queried and kept over a restart.</summary>
public class SqliteTenantTests
{
    private static readonly Lazy<byte[]> VariantB = new(() => TestDeployment.Compile("B"));

    private static List<string> Marks(InstanceSnapshot snapshot) =>
        JsonDocument.Parse(snapshot.DataJson).RootElement.GetProperty("marks").EnumerateArray().Select(e => e.GetString()!).ToList();

    [Fact]
    public async Task The_tenant_is_saved_loaded_and_queried()
    {
        using var db = new TempDatabase();
        var store = db.Open();
        Assert.True(await store.TrySaveAsync(Instances.Waiting("a") with { TenantId = "acme" }, 0));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("b") with { TenantId = "globex" }, 0));
        Assert.True(await store.TrySaveAsync(Instances.Waiting("c"), 0));

        Assert.Equal("acme", (await store.LoadAsync("a"))!.TenantId);
        Assert.Null((await store.LoadAsync("c"))!.TenantId);
        Assert.Equal(new[] { "b" }, (await store.QueryAsync(new InstanceQuery { TenantId = "globex" })).Select(i => i.Id));
        Assert.Equal(3, (await store.QueryAsync(new InstanceQuery())).Count);

        // An update that moves the instance to another tenant's deployment (migration) writes the tenant too.
        var a = (await store.LoadAsync("a"))!;
        Assert.True(await store.TrySaveAsync(a with { TenantId = null }, a.Revision));
        Assert.Null((await store.LoadAsync("a"))!.TenantId);
    }

    [Fact]
    public async Task A_file_of_schema_version_4_is_upgraded_and_its_instances_have_no_tenant()
    {
        using var db = new TempDatabase();
        using (var store = db.Open())
        {
            Assert.True(await store.TrySaveAsync(Instances.Waiting("old"), 0));
        }

        SqliteConnection.ClearAllPools();
        Execute(db.File, "DROP INDEX ix_flow_instances_tenant; ALTER TABLE flow_instances DROP COLUMN tenant_id; DELETE FROM flow_schema_version WHERE version = 5;");

        var upgraded = db.Open();

        Assert.Null((await upgraded.LoadAsync("old"))!.TenantId);
        Assert.True(await upgraded.TrySaveAsync(Instances.Waiting("new") with { TenantId = "acme" }, 0));
        Assert.Equal(new[] { "new" }, (await upgraded.QueryAsync(new InstanceQuery { TenantId = "acme" })).Select(i => i.Id));
    }

    [Fact]
    public async Task A_restarted_host_keeps_each_tenants_deployments_and_instances()
    {
        using var db = new TempDatabase();
        var acmeFolder = TestDeployment.Write(db.Folder, 1, OrderFlow.Assembly, tenant: "acme");
        var globexFolder = TestDeployment.Write(db.Folder, 1, VariantB.Value, tenant: "globex");   // same name and version, other content
        string acmeId, globexId;
        using (var deployments = new SqliteDeploymentStore(db.File))
        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry { DeploymentStore = deployments }, store);
            await engine.DeployAsync(new[] { acmeFolder, globexFolder });
            acmeId = (await engine.StartAsync("order", tenantId: "acme")).Id;
            globexId = (await engine.StartAsync("order", tenantId: "globex")).Id;
        }

        Directory.Delete(acmeFolder, recursive: true);   // the restarted host has only the database
        Directory.Delete(globexFolder, recursive: true);
        using (var deployments = new SqliteDeploymentStore(db.File))
        using (var store = new SqliteInstanceStore(db.File))
        {
            var registry = new DeploymentRegistry { DeploymentStore = deployments };
            var engine = new FlowEngine(registry, store);
            await using var follower = new DeploymentLogFollower(registry);
            await follower.ApplyPendingAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(new[] { "acme", "globex" }, registry.Tenants);
            Assert.Equal(new[] { acmeId }, (await engine.QueryAsync(new InstanceQuery { TenantId = "acme" })).Select(i => i.Id));
            var acme = await engine.CompleteAsync(acmeId, "Review");
            var globex = await engine.CompleteAsync(globexId, "Review");
            Assert.Equal("acme", acme.TenantId);
            Assert.Equal(new[] { "A", "A" }, Marks(acme));
            Assert.Equal("globex", globex.TenantId);
            Assert.Equal(new[] { "B", "B" }, Marks(globex));
            Assert.Equal("FLOW6340", (await Assert.ThrowsAsync<FlowDeploymentException>(() => engine.StartAsync("order"))).Id);
            Assert.NotNull(await deployments.LoadAsync("tenant:acme/" + TestDeployment.Name, 1));   // how the store names a tenant's deployment
        }
    }

    private static void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
