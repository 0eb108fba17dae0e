using System.Security.Cryptography;
using System.Text.Json;
using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Execution.Tests.Deployment;

/// <summary>With trusted keys configured, only manifests signed by one of them deploy (FLOW6030, FLOW6031).</summary>
public sealed class ManifestSigningTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "flow-signed-" + Guid.NewGuid().ToString("N"))).FullName;
    private readonly ECDsa _trusted = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private DeploymentRegistry Registry(params AsymmetricAlgorithm[] trusted) =>
        new() { ManifestTrust = ManifestTrust.FromPem(trusted.Select(k => k.ExportSubjectPublicKeyInfoPem())) };

    private string Folder(int version = 1) => TestDeployment.Write(_root, version, DeploymentFixture.A);

    /// <summary>Writes flow-manifest.json.sig as the build task does.</summary>
    internal static void Sign(string folder, AsymmetricAlgorithm key)
    {
        var manifest = File.ReadAllBytes(Path.Combine(folder, DeploymentManifest.FileName));
        var (algorithm, signature) = key switch
        {
            ECDsa ecdsa => ("ecdsa-sha256", ecdsa.SignData(manifest, HashAlgorithmName.SHA256)),
            RSA rsa => ("rsa-sha256", rsa.SignData(manifest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
            _ => throw new ArgumentException("ECDSA or RSA", nameof(key)),
        };
        File.WriteAllText(Path.Combine(folder, ManifestSignature.FileName), JsonSerializer.Serialize(new
        {
            algorithm,
            keyId = ManifestTrust.KeyId(key.ExportSubjectPublicKeyInfo()),
            signature = Convert.ToBase64String(signature),
        }));
    }

    [Fact]
    public async Task A_manifest_signed_with_a_trusted_key_deploys()
    {
        var registry = Registry(_trusted);
        var folder = Folder();
        Sign(folder, _trusted);

        var deployed = await registry.DeployAsync(folder).WaitAsync(Limit);

        Assert.Equal(1, deployed.Version);
        Assert.Same(deployed, registry.Latest["order"]);
    }

    [Fact]
    public async Task An_rsa_signature_with_a_trusted_rsa_key_deploys()
    {
        using var rsa = RSA.Create(2048);
        var registry = Registry(_trusted, rsa);
        var folder = Folder();
        Sign(folder, rsa);

        var deployed = await registry.DeployAsync(folder).WaitAsync(Limit);

        Assert.Equal(1, deployed.Version);
    }

    [Fact]
    public async Task An_unsigned_manifest_is_refused_when_keys_are_configured()
    {
        var registry = Registry(_trusted);

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => registry.DeployAsync(Folder()).WaitAsync(Limit));

        Assert.Equal("FLOW6030", error.Id);
        Assert.Empty(registry.Latest);
    }

    [Fact]
    public async Task A_manifest_changed_after_signing_is_refused()
    {
        var registry = Registry(_trusted);
        var folder = Folder();
        Sign(folder, _trusted);
        var path = Path.Combine(folder, DeploymentManifest.FileName);
        var manifest = JsonSerializer.Deserialize<DeploymentManifest>(File.ReadAllBytes(path))!;
        manifest.Settings.DeleteUponUndeploy = true;
        File.WriteAllText(path, JsonSerializer.Serialize(manifest));

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => registry.DeployAsync(folder).WaitAsync(Limit));

        Assert.Equal("FLOW6031", error.Id);
        Assert.Contains("does not match the manifest", error.Message, StringComparison.Ordinal);
        Assert.Empty(registry.Latest);
    }

    [Fact]
    public async Task A_manifest_signed_with_another_key_is_refused()
    {
        var registry = Registry(_trusted);
        var folder = Folder();
        Sign(folder, _other);

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => registry.DeployAsync(folder).WaitAsync(Limit));

        Assert.Equal("FLOW6031", error.Id);
        Assert.Contains("does not trust", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_copied_from_another_version_is_refused()
    {
        var registry = Registry(_trusted);
        var first = Folder(1);
        Sign(first, _trusted);
        var second = TestDeployment.Write(_root, 2, DeploymentFixture.B);
        File.Copy(Path.Combine(first, ManifestSignature.FileName), Path.Combine(second, ManifestSignature.FileName));

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => registry.DeployAsync(second).WaitAsync(Limit));

        Assert.Equal("FLOW6031", error.Id);
    }

    [Fact]
    public async Task The_host_option_turns_the_check_on()
    {
        using var services = new ServiceCollection()
            .AddFlowRuntime(options => options.TrustedManifestKeys.Add(_trusted.ExportSubjectPublicKeyInfoPem()))
            .BuildServiceProvider();
        var engine = services.GetRequiredService<FlowEngine>();
        var unsigned = Folder(1);
        var signed = TestDeployment.Write(_root, 2, DeploymentFixture.B);
        Sign(signed, _trusted);

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => engine.DeployAsync(new[] { unsigned }).WaitAsync(Limit));
        await engine.DeployAsync(new[] { signed }).WaitAsync(Limit);

        Assert.Equal("FLOW6030", error.Id);
        Assert.Equal(2, engine.Registry.Latest["order"].Version);
    }

    [Fact]
    public void A_trusted_key_that_is_not_a_public_key_is_rejected_at_configuration() =>
        Assert.Throws<ArgumentException>(() => ManifestTrust.FromPem(new[] { "not a key" }));

    public void Dispose()
    {
        _trusted.Dispose();
        _other.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // the temp folder is harmless
        }
    }
}
