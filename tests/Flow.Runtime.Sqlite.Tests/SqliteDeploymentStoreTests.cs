using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>The SQLite deployment store: content-addressed files, the log, one transaction per save, and nodes that refuse tampered bytes.</summary>
public sealed class SqliteDeploymentStoreTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    /// <summary>A deployment folder as a store keeps it: the manifest's text and every listed file.</summary>
    private static StoredDeployment Stored(string folder)
    {
        var manifest = ManifestReader.Read(folder);
        return new StoredDeployment(
            manifest.Name,
            manifest.Version,
            File.ReadAllText(Path.Combine(folder, DeploymentManifest.FileName)),
            manifest.Files.ToDictionary(f => f.Path, f => File.ReadAllBytes(Path.Combine(folder, f.Path))));
    }

    [Fact]
    public async Task A_saved_version_loads_with_the_same_manifest_and_bytes_and_is_one_log_entry()
    {
        using var store = new SqliteDeploymentStore(_db.File);
        var saved = Stored(OrderFlow.Write(_db.Folder, 1));

        var action = await store.SaveAsync(saved, "n1");
        var loaded = (await store.LoadAsync(saved.Name, 1))!;

        Assert.Equal((1L, DeploymentActionKind.Deployed, saved.Name, 1, "n1"), (action.Sequence, action.Kind, action.Name, action.Version, action.Node));
        Assert.Equal(saved.ManifestJson, loaded.ManifestJson);
        Assert.Equal(saved.Files.Keys.Order(), loaded.Files.Keys.Order());
        Assert.All(saved.Files, f => Assert.Equal(f.Value, loaded.Files[f.Key]));
        Assert.Equal(new[] { action }, await store.ActionsAsync());
        Assert.Null(await store.LoadAsync(saved.Name, 2));
    }

    [Fact]
    public async Task Files_are_stored_once_per_sha256_and_the_same_content_again_appends_nothing()
    {
        using var store = new SqliteDeploymentStore(_db.File);
        var v1 = Stored(OrderFlow.Write(_db.Folder, 1));
        var v2 = Stored(OrderFlow.Write(_db.Folder, 2));   // other manifest, same assembly

        var first = await store.SaveAsync(v1);
        Assert.Equal(first, await store.SaveAsync(v1));   // resume: still latest, nothing appended
        await store.SaveAsync(v2);

        Assert.Equal(1L, SqlFile.Scalar(_db.File, "SELECT COUNT(*) FROM flow_deployment_blobs;"));
        Assert.Equal(2L, SqlFile.Scalar(_db.File, "SELECT COUNT(*) FROM flow_deployments;"));
        Assert.Equal(2, (await store.ActionsAsync()).Count);

        // v1 is no longer latest: deploying it again is a new entry (it becomes latest again).
        var again = await store.SaveAsync(v1);
        Assert.Equal(3, again.Sequence);
        Assert.Equal(new[] { 3L }, (await store.ActionsAsync(2)).Select(a => a.Sequence));
    }

    [Fact]
    public async Task Other_content_under_a_stored_version_is_refused_and_nothing_is_written()
    {
        using var store = new SqliteDeploymentStore(_db.File);
        var saved = Stored(OrderFlow.Write(_db.Folder, 1));
        await store.SaveAsync(saved);
        var other = saved with { ManifestJson = saved.ManifestJson.Replace("\"tenant\":null", "\"tenant\":\"t\"", StringComparison.Ordinal) };
        Assert.NotEqual(saved.ManifestJson, other.ManifestJson);

        var refused = await Assert.ThrowsAsync<FlowDeploymentException>(() => store.SaveAsync(other).AsTask());

        Assert.Equal("FLOW6143", refused.Id);
        Assert.Single(await store.ActionsAsync());
        Assert.Equal(saved.ManifestJson, (await store.LoadAsync(saved.Name, 1))!.ManifestJson);
    }

    [Fact]
    public async Task A_tampered_blob_in_the_file_is_refused_by_the_node_and_nothing_of_it_loads()
    {
        using var store = new SqliteDeploymentStore(_db.File);
        await store.SaveAsync(Stored(OrderFlow.Write(_db.Folder, 1)));
        SqlFile.Execute(_db.File, "UPDATE flow_deployment_blobs SET bytes = CAST(zeroblob(size) AS BLOB);");
        var node = new DeploymentRegistry { DeploymentStore = store };
        var events = new List<DeploymentEvent>();
        node.Changed += events.Add;
        await using var follower = new Flow.Hosting.DeploymentLogFollower(node);

        await follower.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var failed = Assert.Single(events, e => e.Kind == DeploymentEventKind.Failed);
        Assert.Equal("FLOW6003", ((FlowDeploymentException)failed.Error!).Id);
        Assert.Contains("SHA-256", failed.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(node.Versions);
        Assert.Empty(node.Latest);
    }

    [Fact]
    public async Task Rollback_and_undeploy_are_appended_in_order()
    {
        using var store = new SqliteDeploymentStore(_db.File);
        await store.SaveAsync(Stored(OrderFlow.Write(_db.Folder, 1)));
        await store.AppendAsync(DeploymentActionKind.RolledBack, TestDeployment.Name, 1, "n");
        await store.AppendAsync(DeploymentActionKind.Undeployed, TestDeployment.Name, 1, null);

        var log = await store.ActionsAsync();

        Assert.Equal(new[] { 1L, 2L, 3L }, log.Select(a => a.Sequence));
        Assert.Equal(new[] { DeploymentActionKind.Deployed, DeploymentActionKind.RolledBack, DeploymentActionKind.Undeployed }, log.Select(a => a.Kind));
        Assert.Null(log[2].Node);
    }
}
