using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Flow.Deployment;

namespace Flow.Compilation;

/// <summary>
/// Signs a diagram's text for a host that requires signed content, in the format the runtime
/// checks (that of <c>flow-manifest.json.sig</c>). Sign where the private key lives (the admin
/// panel's back end, a release job), never on the host that deploys.
/// </summary>
public static class ContentSignature
{
    /// <summary>The signature text (<see cref="BpmnContent.Signature"/>, or a <c>key.bpmn.sig</c> file) of <paramref name="text"/>'s UTF-8 bytes by <paramref name="privateKey"/> (ECDSA P1363, or RSA PKCS#1 v1.5; SHA-256).</summary>
    public static string Sign(string text, AsymmetricAlgorithm privateKey)
    {
        ArgumentNullException.ThrowIfNull(text);
        var data = Encoding.UTF8.GetBytes(text);
        var (algorithm, signature) = privateKey switch
        {
            ECDsa ecdsa => ("ecdsa-sha256", ecdsa.SignData(data, HashAlgorithmName.SHA256)),
            RSA rsa => ("rsa-sha256", rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
            _ => throw new ArgumentException("An ECDSA or RSA private key is needed.", nameof(privateKey)),
        };
        return JsonSerializer.Serialize(new
        {
            algorithm,
            keyId = ManifestTrust.KeyId(privateKey.ExportSubjectPublicKeyInfo()),
            signature = Convert.ToBase64String(signature),
        });
    }
}
