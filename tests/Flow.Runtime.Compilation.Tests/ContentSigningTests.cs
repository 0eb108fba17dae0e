using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Flow.Compilation;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Hosting;

namespace Flow.Runtime.Compilation.Tests;

/// <summary>When the host trusts keys, content must carry a signature over its text by one of them (FLOW6150, FLOW6151).</summary>
public sealed class ContentSigningTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly ECDsa _trusted = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private ManifestTrust Trust => ManifestTrust.FromPem(new[] { _trusted.ExportSubjectPublicKeyInfoPem() });

    private BpmnContent Signed(string text, AsymmetricAlgorithm? key = null, string name = "order") =>
        new(name, text) { Signature = ContentSignature.Sign(text, key ?? _trusted) };

    public void Dispose()
    {
        _trusted.Dispose();
        _other.Dispose();
    }

    [Fact]
    public async Task Signed_content_deploys_and_serves_and_keeps_its_signature_with_the_text()
    {
        var host = new ContentHost(trust: Trust);

        var deployed = await host.Deployer.DeployAsync(Signed(OrderDiagrams.Order())).WaitAsync(Limit);

        Assert.Equal(1, deployed.Version);
        Assert.Equal(InstanceStatus.Completed, (await host.OrderAsync("lamp", 10m)).Status);
        Assert.Null(ManifestSignature.Check(deployed.ReadResource("order.bpmn")!, deployed.ReadResource("order.bpmn.sig")!, Trust));
    }

    [Fact]
    public async Task Unsigned_content_is_refused_before_anything_compiles_and_the_live_version_keeps_serving()
    {
        var host = new ContentHost(trust: Trust);
        await host.Deployer.DeployAsync(Signed(OrderDiagrams.Order())).WaitAsync(Limit);

        // Not even XML: a FLOW6250 would mean it was compiled.
        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployAsync("order", "<not-bpmn").WaitAsync(Limit));

        Assert.Equal("FLOW6150", error.Id);
        Assert.Contains("'order'", error.Message);
        Assert.Equal("FLOW6150", ((ContentCompilationException)Assert.Single(host.Failed).Error).Id);
        Assert.Equal(1, host.Registry.Latest["order"].Version);
        Assert.Single(host.Registry.Versions);
    }

    [Fact]
    public async Task Text_changed_after_signing_is_refused()
    {
        var host = new ContentHost(trust: Trust);
        var signed = Signed(OrderDiagrams.Order());

        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployAsync(signed with { Text = OrderDiagrams.Order(rule: "amount &lt;= 999999") }).WaitAsync(Limit));

        Assert.Equal("FLOW6151", error.Id);
        Assert.Contains("does not match the signed text", error.Message);
        Assert.Empty(host.Registry.Versions);
    }

    [Fact]
    public async Task Content_signed_by_a_key_the_host_does_not_trust_is_refused_naming_the_key()
    {
        var host = new ContentHost(trust: Trust);

        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployAsync(Signed(OrderDiagrams.Order(), _other)).WaitAsync(Limit));

        Assert.Equal("FLOW6151", error.Id);
        Assert.Contains(ManifestTrust.KeyId(_other.ExportSubjectPublicKeyInfo()), error.Message);
        Assert.Contains("deployment 'order'", error.Message);
        Assert.Empty(host.Registry.Versions);
    }

    [Fact]
    public async Task A_batch_with_one_wrongly_signed_member_deploys_nothing()
    {
        var host = new ContentHost(trust: Trust);
        var good = Signed(OrderDiagrams.Order());
        var bad = Signed(OrderDiagrams.Order(key: "refund"), _other, "refund");

        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployAllAsync(new[] { good, bad }).WaitAsync(Limit));

        Assert.Equal("FLOW6151", error.Id);
        Assert.Contains("'refund'", error.Message);
        Assert.Empty(host.Registry.Versions);
        Assert.Empty(host.Completed);
    }

    [Fact]
    public async Task A_signed_batch_deploys()
    {
        var host = new ContentHost(trust: Trust);

        var deployed = await host.Deployer.DeployAllAsync(new[] { Signed(OrderDiagrams.Order()), Signed(OrderDiagrams.Order(key: "refund"), name: "refund") }).WaitAsync(Limit);

        Assert.Equal(new[] { 1, 1 }, deployed.Select(d => d.Version));
        Assert.Equal(InstanceStatus.Completed, (await host.OrderAsync("lamp", 10m, key: "refund")).Status);
    }

    [Fact]
    public async Task Without_trusted_keys_unsigned_content_deploys_as_before()
    {
        var host = new ContentHost();

        var deployed = await host.Deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(Limit);

        Assert.Equal(1, deployed.Version);
    }

    [Fact]
    public async Task The_same_text_signed_again_is_the_same_content()
    {
        // ECDSA signatures differ each time: a new signature of the same text is not a new version.
        var host = new ContentHost(trust: Trust);
        var text = OrderDiagrams.Order();
        await host.Deployer.DeployAsync(Signed(text)).WaitAsync(Limit);

        var again = await host.Deployer.DeployAsync(Signed(text)).WaitAsync(Limit);

        Assert.Equal(1, again.Version);
        Assert.True(host.Completed[^1].Unchanged);
    }

    [Fact]
    public async Task A_file_and_a_watched_folder_carry_the_signature_beside_the_text()
    {
        var folder = Directory.CreateTempSubdirectory("flow-content-signed-");
        try
        {
            var host = new ContentHost(trust: Trust);
            var path = Path.Combine(folder.FullName, "order.bpmn");
            var text = OrderDiagrams.Order();
            await File.WriteAllTextAsync(path, text);

            var unsigned = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployFileAsync(path).WaitAsync(Limit));
            Assert.Equal("FLOW6150", unsigned.Id);
            Assert.Contains(path, unsigned.Message);

            await File.WriteAllTextAsync(path + ".sig", ContentSignature.Sign(text, _trusted));
            Assert.Equal(1, (await host.Deployer.DeployFileAsync(path).WaitAsync(Limit)).Version);

            var changed = OrderDiagrams.Order(rule: "amount &lt;= 5");
            await File.WriteAllTextAsync(path, changed);
            await File.WriteAllTextAsync(path + ".sig", ContentSignature.Sign(changed, _trusted));
            await using var watched = new FileSystemContentProvider(folder.FullName).WatchAsync(CancellationToken.None).GetAsyncEnumerator();
            Assert.True(await watched.MoveNextAsync().AsTask().WaitAsync(Limit));
            Assert.Equal(2, (await host.Deployer.DeployAsync(watched.Current).WaitAsync(Limit)).Version);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Incremental_deployments_need_signed_changes_too()
    {
        var host = new ContentHost(trust: Trust);
        await host.Deployer.DeployIncrementalAsync("shop", new[] { Signed(OrderDiagrams.Order()) }).WaitAsync(Limit);

        var refund = OrderDiagrams.Order(key: "refund").Replace("name=\"Order\"", "name=\"Refund\"", StringComparison.Ordinal);   // another class in the same assembly

        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployIncrementalAsync("shop", new[] { new BpmnContent("refund", refund) }).WaitAsync(Limit));
        var added = await host.Deployer.DeployIncrementalAsync("shop", new[] { Signed(refund, name: "refund") }).WaitAsync(Limit);

        Assert.Equal("FLOW6150", error.Id);
        Assert.Equal(2, added.Version);
        Assert.Equal(InstanceStatus.Completed, (await host.OrderAsync("lamp", 10m, key: "refund")).Status);
    }

    [Fact]
    public async Task A_node_of_the_store_that_trusts_keys_checks_the_signature_and_compiles_the_text_to_check_the_assembly()
    {
        var store = new InMemoryDeploymentStore();
        var a = new ContentHost(store: store, node: "A", trust: Trust);
        var b = new ContentHost(store: store, node: "B", trust: Trust);
        await using var follower = new DeploymentLogFollower(b.Registry);

        await a.Deployer.DeployAsync(Signed(OrderDiagrams.Order())).WaitAsync(Limit);
        await follower.ApplyPendingAsync().WaitAsync(Limit);

        Assert.Equal(1, b.Registry.Latest["order"].Version);
        Assert.Equal(InstanceStatus.Completed, (await b.OrderAsync("lamp", 10m)).Status);
    }

    [Fact]
    public async Task A_stored_content_version_whose_assembly_is_not_what_its_signed_text_compiles_to_is_refused()
    {
        // Someone who can write the store keeps a signed text but swaps in an assembly compiled from other text.
        var store = new InMemoryDeploymentStore();
        var a = new ContentHost(store: store, node: "A");
        await a.Deployer.DeployAsync(Signed(OrderDiagrams.Order())).WaitAsync(Limit);
        await a.Deployer.DeployAsync(Signed(OrderDiagrams.Order(rule: "amount &lt;= 1"))).WaitAsync(Limit);
        var genuine = (await store.LoadAsync("order", 1))!;
        var other = (await store.LoadAsync("order", 2))!;
        var forged = Forge(genuine, other);
        var b = new ContentHost(node: "B", trust: Trust);

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => b.Registry.DeployAsync(forged).WaitAsync(Limit));

        Assert.Equal("FLOW6151", error.Id);
        Assert.Contains("not what its signed diagrams compile to", error.Message);
        Assert.Empty(b.Registry.Latest);
        Assert.Equal(1, (await b.Registry.DeployAsync(genuine).WaitAsync(Limit)).Version);
    }

    [Fact]
    public async Task A_stored_content_version_without_signatures_is_refused_by_a_node_that_trusts_keys()
    {
        var store = new InMemoryDeploymentStore();
        var a = new ContentHost(store: store, node: "A");
        await a.Deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(Limit);
        var b = new ContentHost(node: "B", trust: Trust);
        var stored = (await store.LoadAsync("order", 1))!;

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => b.Registry.DeployAsync(stored).WaitAsync(Limit));

        Assert.Equal("FLOW6150", error.Id);
        Assert.Contains("'order'", error.Message);
    }

    /// <summary>Version 1's manifest and signed text with version 2's assembly, its hash put into the manifest.</summary>
    private static StoredDeployment Forge(StoredDeployment genuine, StoredDeployment other)
    {
        var manifest = JsonSerializer.Deserialize<DeploymentManifest>(genuine.ManifestJson)!;
        var otherManifest = JsonSerializer.Deserialize<DeploymentManifest>(other.ManifestJson)!;
        var assembly = other.Files[otherManifest.Assembly];
        var files = genuine.Files.Where(f => f.Key != manifest.Assembly).ToDictionary(f => f.Key, f => f.Value);
        files[manifest.Assembly] = assembly;
        var entry = manifest.Files.Single(f => f.Path == manifest.Assembly);
        entry.Size = assembly.Length;
        entry.Sha256 = Convert.ToHexString(SHA256.HashData(assembly)).ToLowerInvariant();
        manifest.Processes.ForEach(p => p.Type = otherManifest.Processes.Single(o => o.Key == p.Key).Type);
        return genuine with { ManifestJson = JsonSerializer.Serialize(manifest), Files = files };
    }
}
