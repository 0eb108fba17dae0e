using System.Security.Cryptography;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flow.Execution.Tests.Deployment.Cluster;

/// <summary>
/// A stored deployment (manifest text and file bytes) deploys exactly as its folder does: the same
/// rules (Camunda's byte compare), verification, signatures and events; and the host wiring.
/// </summary>
public sealed class StoredDeploymentTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "flow-stored-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // harmless temp folder
        }
    }

    /// <summary>What a store returns for a folder: read without the runtime's help.</summary>
    private static StoredDeployment Stored(string folder, bool withSignature = true)
    {
        var manifest = ManifestReader.Read(folder);
        var files = manifest.Files.ToDictionary(f => f.Path, f => File.ReadAllBytes(Path.Combine(folder, f.Path)));
        var signature = Path.Combine(folder, ManifestSignature.FileName);
        if (withSignature && File.Exists(signature))
        {
            files[ManifestSignature.FileName] = File.ReadAllBytes(signature);
        }

        return new StoredDeployment(manifest.Name, manifest.Version, File.ReadAllText(Path.Combine(folder, DeploymentManifest.FileName)), files);
    }

    [Fact]
    public async Task Stored_content_identical_to_the_live_folder_deployment_is_unchanged_and_a_changed_one_activates()
    {
        var registry = new DeploymentRegistry();
        var events = new List<DeploymentEvent>();
        registry.Changed += events.Add;
        var v1 = TestDeployment.Write(_root, 1, DeploymentFixture.A);
        await registry.DeployAsync(v1).WaitAsync(Limit);

        var same = await registry.DeployAsync(Stored(v1)).WaitAsync(Limit);
        var v2 = await registry.DeployAsync(Stored(TestDeployment.Write(_root, 2, DeploymentFixture.B))).WaitAsync(Limit);

        Assert.Equal(1, same.Version);
        Assert.Equal(new[] { DeploymentEventKind.Activated, DeploymentEventKind.Unchanged, DeploymentEventKind.Activated }, events.Where(e => e.Kind != DeploymentEventKind.Unloaded).Select(e => e.Kind));
        Assert.Equal(2, registry.Latest["order"].Version);
        Assert.Equal($"store://{TestDeployment.Name}/2", v2.Folder);
    }

    [Fact]
    public async Task A_stored_version_whose_bytes_do_not_match_its_manifest_is_refused()
    {
        var registry = new DeploymentRegistry();
        var stored = Stored(TestDeployment.Write(_root, 1, DeploymentFixture.A));
        var dll = stored.Files[TestDeployment.Name + ".dll"];
        dll[100] ^= 0x01;

        var refused = await Assert.ThrowsAsync<FlowDeploymentException>(() => registry.DeployAsync(stored).WaitAsync(Limit));

        Assert.Equal("FLOW6003", refused.Id);
        Assert.Empty(registry.Versions);
    }

    [Fact]
    public async Task A_stored_version_missing_a_file_or_stored_under_another_version_is_refused()
    {
        var registry = new DeploymentRegistry();
        var stored = Stored(TestDeployment.Write(_root, 1, DeploymentFixture.A));

        var missing = await Assert.ThrowsAsync<FlowDeploymentException>(() => registry.DeployAsync(stored with { Files = new Dictionary<string, byte[]>() }).WaitAsync(Limit));
        var renumbered = await Assert.ThrowsAsync<FlowDeploymentException>(() => registry.DeployAsync(stored with { Version = 2 }).WaitAsync(Limit));
        var escaping = stored with
        {
            ManifestJson = stored.ManifestJson.Replace($"\"path\":\"{TestDeployment.Name}.dll\"", $"\"path\":\"../{TestDeployment.Name}.dll\"", StringComparison.Ordinal),
        };
        var outside = await Assert.ThrowsAsync<FlowDeploymentException>(() => registry.DeployAsync(escaping).WaitAsync(Limit));

        Assert.Equal("FLOW6003", missing.Id);
        Assert.Equal("FLOW6140", renumbered.Id);
        Assert.Equal("FLOW6004", outside.Id);
        Assert.Empty(registry.Versions);
    }

    [Fact]
    public async Task With_trusted_keys_a_stored_version_needs_its_signature_over_the_exact_manifest_text()
    {
        using var trusted = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var registry = new DeploymentRegistry { ManifestTrust = ManifestTrust.FromPem(new[] { trusted.ExportSubjectPublicKeyInfoPem() }) };
        var folder = TestDeployment.Write(_root, 1, DeploymentFixture.A);
        ManifestSigningTests.Sign(folder, trusted);

        var unsigned = await Assert.ThrowsAsync<FlowDeploymentException>(() => registry.DeployAsync(Stored(folder, withSignature: false)).WaitAsync(Limit));
        var edited = Stored(folder) is var s ? s with { ManifestJson = s.ManifestJson.Replace("{", "{ ", StringComparison.Ordinal) } : null!;
        var invalid = await Assert.ThrowsAsync<FlowDeploymentException>(() => registry.DeployAsync(edited).WaitAsync(Limit));
        var deployed = await registry.DeployAsync(Stored(folder)).WaitAsync(Limit);

        Assert.Equal("FLOW6030", unsigned.Id);
        Assert.Equal("FLOW6031", invalid.Id);
        Assert.Equal(1, deployed.Version);
    }

    [Fact]
    public async Task A_signed_folder_deployed_on_one_node_is_served_by_a_node_that_requires_signatures()
    {
        using var trusted = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var trust = ManifestTrust.FromPem(new[] { trusted.ExportSubjectPublicKeyInfoPem() });
        var store = new InMemoryDeploymentStore();
        await using var a = new ClusterNode(store, "A", trust);
        await using var b = new ClusterNode(store, "B", trust);
        var folder = TestDeployment.Write(_root, 1, DeploymentFixture.A);
        ManifestSigningTests.Sign(folder, trusted);

        await a.Engine.DeployAsync(new[] { folder }).WaitAsync(Limit);
        await b.Follower.StartAsync().WaitAsync(Limit);

        Assert.Equal(1, b.LatestVersion());
        Assert.Empty(b.EventsOf(DeploymentEventKind.Failed));
    }

    [Fact]
    public async Task A_host_with_a_deployment_store_follows_the_log_of_another_host()
    {
        var store = new InMemoryDeploymentStore();
        ServiceProvider Host(string node) => new ServiceCollection()
            .AddFlowRuntime(o =>
            {
                o.DeploymentStoreFactory = _ => store;
                o.NodeId = node;
                o.DeploymentPollInterval = TimeSpan.FromMilliseconds(100);
            })
            .BuildServiceProvider();
        await using var a = Host("A");
        await using var b = Host("B");
        var hosted = b.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None).WaitAsync(Limit);
        }

        try
        {
            var registryB = b.GetRequiredService<DeploymentRegistry>();
            var activated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            registryB.Changed += e =>
            {
                if (e.Kind == DeploymentEventKind.Activated)
                {
                    activated.TrySetResult();
                }
            };

            await a.GetRequiredService<FlowEngine>().DeployAsync(new[] { TestDeployment.Write(_root, 1, DeploymentFixture.A) }).WaitAsync(Limit);
            await activated.Task.WaitAsync(Limit);

            Assert.Equal("B", registryB.NodeId);
            Assert.Same(store, b.GetRequiredService<IDeploymentStore>());
            Assert.Equal(1, registryB.Latest["order"].Version);
            Assert.Equal("A", Assert.Single(await store.ActionsAsync()).Node);
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }
}
