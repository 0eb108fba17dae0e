using System.Security.Cryptography;
using Flow.Build.Tasks.Diagnostics;
using Flow.Build.Tasks.Files;
using Flow.Build.Tasks.Manifest;
using Flow.Build.Tasks.Signing;
using Flow.Build.Tasks.Tests.Infrastructure;
using Flow.Deployment;

namespace Flow.Build.Tasks.Tests;

/// <summary>The task signs the manifest with a key from a file or a variable; the runtime's check accepts exactly that.</summary>
public sealed class ManifestSigningTests : IDisposable
{
    private static readonly string ThisAssembly = typeof(ManifestSigningTests).Assembly.Location;
    private readonly TemporaryDirectory _temp = Inputs.TempDirectory();

    private string Folder => Path.Combine(_temp.Path, "flow-deployment");

    private string SignaturePath => Path.Combine(Folder, ManifestSigner.SignatureFileName);

    private DeploymentRequest Request(string? keyPem, params CandidateFile[] extra) => new(
        ThisAssembly,
        new[] { new CandidateFile(ThisAssembly, Path.GetFileName(ThisAssembly), null) }.Concat(extra).ToArray(),
        Folder, "Fixtures", null, DeploymentSettings.Default, null, null, Array.Empty<string>(), Array.Empty<string>())
    {
        SigningKeyPem = keyPem,
        SigningKeySource = "the test key",
    };

    private static global::Flow.Deployment.DeploymentManifest RuntimeManifest(string folder) => global::Flow.Deployment.ManifestReader.Read(folder);

    [Theory]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public void A_signed_deployment_verifies_with_the_public_key_in_the_runtime(string kind)
    {
        using AsymmetricAlgorithm key = kind == "ecdsa" ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);

        var result = DeploymentWriter.Write(Request(key.ExportPkcs8PrivateKeyPem()));

        Assert.Contains(SignaturePath, result.WrittenFiles);
        var trust = ManifestTrust.FromPem(new[] { key.ExportSubjectPublicKeyInfoPem() });
        ManifestSignature.Verify(Folder, RuntimeManifest(Folder), trust);
    }

    [Fact]
    public void Another_key_does_not_verify()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DeploymentWriter.Write(Request(key.ExportPkcs8PrivateKeyPem()));

        var error = Assert.Throws<FlowDeploymentException>(() =>
            ManifestSignature.Verify(Folder, RuntimeManifest(Folder), ManifestTrust.FromPem(new[] { other.ExportSubjectPublicKeyInfoPem() })));

        Assert.Equal("FLOW6031", error.Id);
    }

    [Fact]
    public void An_unchanged_rebuild_keeps_the_signature_and_a_changed_one_signs_again()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportECPrivateKeyPem();
        DeploymentWriter.Write(Request(pem));
        var first = File.ReadAllBytes(SignaturePath);

        DeploymentWriter.Write(Request(pem));
        Assert.Equal(first, File.ReadAllBytes(SignaturePath));

        var helper = _temp.File("Helper.dll");
        File.WriteAllText(helper, "changed content");
        DeploymentWriter.Write(Request(pem, new CandidateFile(helper, "Helper.dll", null)));
        Assert.NotEqual(first, File.ReadAllBytes(SignaturePath));
        ManifestSignature.Verify(Folder, RuntimeManifest(Folder), ManifestTrust.FromPem(new[] { key.ExportSubjectPublicKeyInfoPem() }));
    }

    [Fact]
    public void Without_a_key_nothing_is_signed_and_a_stale_signature_goes()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DeploymentWriter.Write(Request(key.ExportPkcs8PrivateKeyPem()));
        var helper = _temp.File("Helper.dll");
        File.WriteAllText(helper, "changed content");

        var result = DeploymentWriter.Write(Request(null, new CandidateFile(helper, "Helper.dll", null)));

        Assert.False(File.Exists(SignaturePath));
        Assert.DoesNotContain(SignaturePath, result.WrittenFiles);
    }

    [Fact]
    public void The_key_comes_from_a_file_or_an_environment_variable()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportPkcs8PrivateKeyPem();
        var file = _temp.File("signing.pem");
        File.WriteAllText(file, pem);
        var variable = "FLOW_TEST_SIGNING_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, pem);
        try
        {
            Assert.Equal(pem, ManifestSigner.ReadKey(file, null));
            Assert.Equal(pem, ManifestSigner.ReadKey(null, variable));
            Assert.Null(ManifestSigner.ReadKey(null, null));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Assert.Equal("FLOW5013", Assert.Throws<FlowBuildException>(() => ManifestSigner.ReadKey(null, variable)).Diagnostic.Id);
        Assert.Equal("FLOW5013", Assert.Throws<FlowBuildException>(() => ManifestSigner.ReadKey(_temp.File("missing.pem"), null)).Diagnostic.Id);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----")]
    [InlineData("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----")]
    public void A_key_that_is_not_a_usable_private_key_is_reported(string pem)
    {
        var error = Assert.Throws<FlowBuildException>(() => DeploymentWriter.Write(Request(pem)));

        Assert.Equal("FLOW5013", error.Diagnostic.Id);
        Assert.False(File.Exists(Path.Combine(Folder, global::Flow.Build.Tasks.Manifest.DeploymentManifest.FileName)));
    }

    public void Dispose() => _temp.Dispose();
}
