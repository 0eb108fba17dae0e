using System.Security.Cryptography;
using System.Text.Json;
using Flow.Compilation;
using Flow.Deployment;

namespace Flow.Runtime.Compilation.Tests;

/// <summary>A signature whose algorithm is "none", unknown, or of the other key kind is refused (FLOW6151) with a message saying so, not "changed after it was signed".</summary>
public sealed class ContentSignatureAlgorithmTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly ECDsa _trusted = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private ManifestTrust Trust => ManifestTrust.FromPem(new[] { _trusted.ExportSubjectPublicKeyInfoPem() });

    public void Dispose() => _trusted.Dispose();

    /// <summary>A valid signature of <paramref name="text"/> by the trusted key, with its algorithm field replaced.</summary>
    private string SignatureClaiming(string algorithm, string text)
    {
        using var genuine = JsonDocument.Parse(ContentSignature.Sign(text, _trusted));
        return JsonSerializer.Serialize(new
        {
            algorithm,
            keyId = genuine.RootElement.GetProperty("keyId").GetString(),
            signature = genuine.RootElement.GetProperty("signature").GetString(),
        });
    }

    [Theory]
    [InlineData("none")]
    [InlineData("ecdsa-sha1")]
    [InlineData("")]
    public async Task Content_whose_signature_names_an_unsupported_algorithm_is_refused_naming_it(string algorithm)
    {
        var host = new ContentHost(trust: Trust);
        var text = OrderDiagrams.Order();

        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployAsync(new BpmnContent("order", text) { Signature = SignatureClaiming(algorithm, text) }).WaitAsync(Limit));

        Assert.Equal("FLOW6151", error.Id);
        Assert.Contains($"algorithm '{algorithm}' is not supported", error.Message);
        Assert.Contains("ecdsa-sha256", error.Message);
        Assert.DoesNotContain("changed after", error.Message);
        Assert.Empty(host.Registry.Versions);
    }

    [Fact]
    public void An_rsa_sha256_signature_naming_a_trusted_ecdsa_key_says_the_key_does_not_fit()
    {
        var text = OrderDiagrams.Order();
        var data = System.Text.Encoding.UTF8.GetBytes(text);

        var reason = ManifestSignature.Check(data, System.Text.Encoding.UTF8.GetBytes(SignatureClaiming("rsa-sha256", text)), Trust);

        Assert.NotNull(reason);
        Assert.Contains("does not fit the trusted key", reason);
        Assert.DoesNotContain("changed after", reason);
    }

    [Fact]
    public void An_algorithm_with_control_characters_is_quoted_without_them()
    {
        var text = OrderDiagrams.Order();
        var data = System.Text.Encoding.UTF8.GetBytes(text);

        var reason = ManifestSignature.Check(data, System.Text.Encoding.UTF8.GetBytes(SignatureClaiming("none\r\nFLOW0000 all good", text)), Trust);

        Assert.NotNull(reason);
        Assert.DoesNotContain("\n", reason);
        Assert.Contains("'none??FLOW0000 all good' is not supported", reason);
    }
}
