using System;
using System.IO;
using System.Security.Cryptography;
using Flow.Build.Tasks.Diagnostics;
using Flow.Build.Tasks.Json;
using Flow.Build.Tasks.Versioning;

namespace Flow.Build.Tasks.Signing;

/// <summary>
/// Signs flow-manifest.json with a private key the user supplies (PEM: PKCS#8 "PRIVATE KEY",
/// "EC PRIVATE KEY" or "RSA PRIVATE KEY"; ECDSA or RSA from the BCL), from a file or an
/// environment variable, never from the repository. The signature is detached:
/// flow-manifest.json.sig beside the manifest, over the manifest's exact bytes. The manifest
/// names every file with its SHA-256, so signing it vouches for the whole folder.
/// </summary>
public static class ManifestSigner
{
    public const string SignatureFileName = "flow-manifest.json.sig";
    public const string EcdsaSha256 = "ecdsa-sha256";
    public const string RsaSha256 = "rsa-sha256";

    /// <summary>The PEM text of the signing key, from a file (wins) or an environment variable; null when neither is set.</summary>
    public static string? ReadKey(string? keyFile, string? keyVariable)
    {
        if (!string.IsNullOrWhiteSpace(keyFile))
        {
            try
            {
                return File.ReadAllText(keyFile!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FlowBuildException(TaskDiagnostics.SigningKeyUnreadable, keyFile, KeySource(keyFile, keyVariable), e.Message);
            }
        }

        if (string.IsNullOrWhiteSpace(keyVariable))
        {
            return null;
        }

        var value = Environment.GetEnvironmentVariable(keyVariable!.Trim());
        return string.IsNullOrWhiteSpace(value)
            ? throw new FlowBuildException(TaskDiagnostics.SigningKeyUnreadable, null, KeySource(keyFile, keyVariable), "it is not set or empty")
            : value;
    }

    /// <summary>Where the key is read from, for messages: the file (which wins) or the environment variable.</summary>
    public static string KeySource(string? keyFile, string? keyVariable) =>
        !string.IsNullOrWhiteSpace(keyFile) ? "the file '" + keyFile + "'" : "the environment variable '" + keyVariable + "'";

    /// <summary>Throws FLOW5013/FLOW5014 unless the key can sign (checked before anything is written).</summary>
    public static void Validate(string privateKeyPem, string keySource)
    {
#if NETFRAMEWORK
        throw new FlowBuildException(TaskDiagnostics.SigningNeedsCoreMSBuild, null, keySource);
#else
        Import(privateKeyPem, keySource).Dispose();
#endif
    }

    /// <summary>The text of flow-manifest.json.sig for these manifest bytes.</summary>
    public static string Sign(byte[] manifest, string privateKeyPem, string keySource)
    {
#if NETFRAMEWORK
        throw new FlowBuildException(TaskDiagnostics.SigningNeedsCoreMSBuild, null, keySource);
#else
        using var key = Import(privateKeyPem, keySource);
        var signature = key switch
        {
            ECDsa ecdsa => ecdsa.SignData(manifest, HashAlgorithmName.SHA256),
            RSA rsa => rsa.SignData(manifest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new InvalidOperationException(),
        };
        return SignatureText(key is ECDsa ? EcdsaSha256 : RsaSha256, KeyId(key.ExportSubjectPublicKeyInfo()), signature);
#endif
    }

    /// <summary>True when <paramref name="signatureText"/> is a valid signature of <paramref name="manifest"/> by this key (then it is kept as it is).</summary>
    public static bool IsValid(byte[] manifest, string signatureText, string privateKeyPem, string keySource)
    {
#if NETFRAMEWORK
        throw new FlowBuildException(TaskDiagnostics.SigningNeedsCoreMSBuild, null, keySource);
#else
        using var key = Import(privateKeyPem, keySource);
        try
        {
            var fields = JsonFields.Root(JsonParser.Parse(signatureText));
            var signature = Convert.FromBase64String(fields.String("signature"));
            return fields.String("keyId") == KeyId(key.ExportSubjectPublicKeyInfo()) && key switch
            {
                ECDsa ecdsa => fields.String("algorithm") == EcdsaSha256 && ecdsa.VerifyData(manifest, signature, HashAlgorithmName.SHA256),
                RSA rsa => fields.String("algorithm") == RsaSha256 && rsa.VerifyData(manifest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                _ => false,
            };
        }
        catch (FormatException)
        {
            return false;
        }
#endif
    }

    /// <summary>SHA-256 (lower-case hex) of the DER SubjectPublicKeyInfo: how a signature names its key.</summary>
    public static string KeyId(byte[] subjectPublicKeyInfo)
    {
        return Hex.Sha256(subjectPublicKeyInfo);
    }

    private static string SignatureText(string algorithm, string keyId, byte[] signature) =>
        "{\n"
        + "  \"algorithm\": " + JsonText.String(algorithm) + ",\n"
        + "  \"keyId\": " + JsonText.String(keyId) + ",\n"
        + "  \"signature\": " + JsonText.String(Convert.ToBase64String(signature)) + "\n"
        + "}\n";

#if !NETFRAMEWORK
    private static AsymmetricAlgorithm Import(string pem, string keySource)
    {
        if (pem.Contains("ENCRYPTED"))
        {
            throw new FlowBuildException(TaskDiagnostics.SigningKeyUnreadable, null, keySource, "an encrypted key cannot be used; give an unencrypted PEM private key (keep it out of the repository)");
        }

        if (!pem.Contains("PRIVATE KEY"))
        {
            throw new FlowBuildException(TaskDiagnostics.SigningKeyUnreadable, null, keySource, "it is not a PEM private key (-----BEGIN PRIVATE KEY-----)");
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return ecdsa;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            ecdsa.Dispose();
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new FlowBuildException(TaskDiagnostics.SigningKeyUnreadable, null, keySource, "it is neither an ECDSA nor an RSA private key (" + e.Message + ")");
        }
    }
#endif
}
