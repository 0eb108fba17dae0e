using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;

namespace Flow.Deployment;

/// <summary>
/// The public keys whose signatures a runtime accepts on flow-manifest.json. Empty (the
/// default): signatures are not checked. With at least one key, every deployment must carry
/// flow-manifest.json.sig made by one of them over the manifest's exact bytes (FLOW6030,
/// FLOW6031). Hashes alone prove only integrity: whoever can write the deployment root can also
/// rewrite the manifest; a signature made with a key kept off that machine proves who built it.
/// </summary>
public sealed class ManifestTrust
{
    private readonly Dictionary<string, byte[]> _keys;

    private ManifestTrust(Dictionary<string, byte[]> keys) => _keys = keys;

    /// <summary>No keys: deployments are not required to be signed.</summary>
    public static ManifestTrust None { get; } = new(new Dictionary<string, byte[]>(StringComparer.Ordinal));

    /// <summary>True when signatures are required.</summary>
    public bool IsRequired => _keys.Count > 0;

    /// <summary>Trusts these PEM public keys (<c>-----BEGIN PUBLIC KEY-----</c>, ECDSA or RSA).</summary>
    /// <exception cref="ArgumentException">A text is not a PEM ECDSA or RSA public key.</exception>
    public static ManifestTrust FromPem(IEnumerable<string> publicKeysPem)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var pem in publicKeysPem)
        {
            var spki = SubjectPublicKeyInfo(pem);
            keys[KeyId(spki)] = spki;
        }

        return new ManifestTrust(keys);
    }

    /// <summary>SHA-256 (lower-case hex) of the DER SubjectPublicKeyInfo: how a signature names its key.</summary>
    public static string KeyId(byte[] subjectPublicKeyInfo) => Convert.ToHexString(SHA256.HashData(subjectPublicKeyInfo)).ToLowerInvariant();

    internal bool TryGet(string keyId, out byte[] subjectPublicKeyInfo) => _keys.TryGetValue(keyId, out subjectPublicKeyInfo!);

    private static byte[] SubjectPublicKeyInfo(string pem)
    {
        using (var ecdsa = ECDsa.Create())
        {
            try
            {
                ecdsa.ImportFromPem(pem);
                return ecdsa.ExportSubjectPublicKeyInfo();
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                // not an ECDSA key; try RSA
            }
        }

        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa.ExportSubjectPublicKeyInfo();
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new ArgumentException("A trusted manifest key is not a PEM ECDSA or RSA public key (-----BEGIN PUBLIC KEY-----): " + ex.Message, "publicKeysPem", ex);
        }
    }
}

/// <summary>
/// Checks flow-manifest.json.sig (written by the build task when a signing key is given): a JSON
/// object with <c>algorithm</c> (<c>ecdsa-sha256</c> or <c>rsa-sha256</c>, PKCS#1 v1.5),
/// <c>keyId</c> and a base64 <c>signature</c> over the manifest file's exact bytes.
/// </summary>
public static class ManifestSignature
{
    /// <summary>The detached signature's file name, beside the manifest.</summary>
    public const string FileName = "flow-manifest.json.sig";

    /// <summary>
    /// Refuses the folder unless <paramref name="trust"/> requires nothing, or its manifest is
    /// signed by a trusted key and the signed bytes are the <paramref name="manifest"/> that was
    /// read (a manifest replaced between reading and checking is refused too).
    /// </summary>
    /// <exception cref="FlowDeploymentException">FLOW6030 (unsigned) or FLOW6031 (signature not valid).</exception>
    public static void Verify(string folder, DeploymentManifest manifest, ManifestTrust trust)
    {
        if (!trust.IsRequired)
        {
            return;
        }

        var signaturePath = Path.Combine(folder, FileName);
        if (!File.Exists(signaturePath))
        {
            throw Unsigned(manifest.Name, folder);
        }

        byte[] bytes, signatureBytes;
        try
        {
            bytes = File.ReadAllBytes(Path.Combine(folder, DeploymentManifest.FileName));
            signatureBytes = File.ReadAllBytes(signaturePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Invalid(manifest.Name, $"{FileName} cannot be read ({ex.Message})");
        }

        Verify(folder, manifest, bytes, signatureBytes, trust);
        if (!SameManifest(bytes, manifest))
        {
            throw Invalid(manifest.Name, "the manifest changed while it was being read");
        }
    }

    /// <summary>
    /// Checks <paramref name="signatureBytes"/> (null: unsigned) over the manifest's exact
    /// <paramref name="manifestBytes"/>, for a folder or a stored deployment alike
    /// (<paramref name="label"/> names it in messages).
    /// </summary>
    internal static void Verify(string label, DeploymentManifest manifest, byte[] manifestBytes, byte[]? signatureBytes, ManifestTrust trust)
    {
        if (!trust.IsRequired)
        {
            return;
        }

        if (signatureBytes is null)
        {
            throw Unsigned(manifest.Name, label);
        }

        if (Problem(manifestBytes, signatureBytes, trust, FileName + " cannot be read", "the manifest") is { } reason)
        {
            throw Invalid(manifest.Name, reason);
        }
    }

    /// <summary>
    /// Why <paramref name="signature"/> (a detached signature in the format of
    /// <see cref="FileName"/>: <c>algorithm</c>, <c>keyId</c>, base64 <c>signature</c>) is not a valid
    /// signature of <paramref name="data"/> by a key <paramref name="trust"/> holds; null when it is.
    /// Content deployment uses it for a signature over a diagram's text.
    /// </summary>
    public static string? Check(byte[] data, byte[] signature, ManifestTrust trust)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(trust);
        return Problem(data, signature, trust, "the signature cannot be read", "the signed text");
    }

    private static string? Problem(byte[] data, byte[] signatureBytes, ManifestTrust trust, string unreadable, string signedWhat)
    {
        string algorithm, keyId;
        byte[] signature;
        try
        {
            using var document = JsonDocument.Parse(signatureBytes);
            algorithm = document.RootElement.GetProperty("algorithm").GetString() ?? "";
            keyId = document.RootElement.GetProperty("keyId").GetString() ?? "";
            signature = Convert.FromBase64String(document.RootElement.GetProperty("signature").GetString() ?? "");
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return $"{unreadable} ({ex.Message})";
        }

        // Named before the key: "none" or an unknown algorithm is refused whoever signed, and
        // "changed after it was signed" would send an operator looking for a tampered text.
        if (algorithm is not (EcdsaSha256 or RsaSha256))
        {
            return $"its algorithm '{Printable(algorithm)}' is not supported (only '{EcdsaSha256}' and '{RsaSha256}' are accepted)";
        }

        if (!trust.TryGet(keyId, out var key))
        {
            return $"it is signed by the key '{keyId}', which this runtime does not trust";
        }

        if (!KeyFits(algorithm, key))
        {
            return $"its algorithm '{algorithm}' does not fit the trusted key '{keyId}' (an {(algorithm == EcdsaSha256 ? "ECDSA" : "RSA")} key is needed)";
        }

        return IsValid(algorithm, key, data, signature) ? null : $"the signature does not match {signedWhat} (changed after it was signed)";
    }

    private const string EcdsaSha256 = "ecdsa-sha256";
    private const string RsaSha256 = "rsa-sha256";

    /// <summary>The trusted key is of the algorithm's kind (an ECDSA key cannot check an rsa-sha256 signature).</summary>
    private static bool KeyFits(string algorithm, byte[] subjectPublicKeyInfo)
    {
        try
        {
            using AsymmetricAlgorithm key = algorithm == EcdsaSha256 ? ECDsa.Create() : RSA.Create();
            if (key is ECDsa ecdsa)
            {
                ecdsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            }
            else
            {
                ((RSA)key).ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            }

            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The signer-chosen algorithm text as it may go into a message: short, without control characters.</summary>
    private static string Printable(string text)
    {
        var cleaned = new string(Array.ConvertAll(text.ToCharArray(), c => char.IsControl(c) ? '?' : c));
        return cleaned.Length <= 40 ? cleaned : cleaned[..40] + "…";
    }

    private static bool IsValid(string algorithm, byte[] subjectPublicKeyInfo, byte[] data, byte[] signature)
    {
        try
        {
            switch (algorithm)
            {
                case EcdsaSha256:
                    using (var ecdsa = ECDsa.Create())
                    {
                        ecdsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
                        return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256);
                    }

                case RsaSha256:
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
                        return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    }

                default:
                    return false;
            }
        }
        catch (CryptographicException)
        {
            return false;   // the key is of the other kind, or the signature is malformed
        }
    }

    /// <summary>The signed bytes say what the manifest object says (compared as the runtime serializes both).</summary>
    private static bool SameManifest(byte[] signedBytes, DeploymentManifest manifest)
    {
        try
        {
            var signed = JsonSerializer.Deserialize<DeploymentManifest>(signedBytes);
            return signed is not null && JsonSerializer.Serialize(signed) == JsonSerializer.Serialize(manifest);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static FlowDeploymentException Unsigned(string deployment, string folder) =>
        new("FLOW6030", $"Deployment '{deployment}' in '{folder}' is not signed ({FileName} is missing) and this runtime requires signed manifests (TrustedManifestKeys); nothing of it was loaded.");

    internal static FlowDeploymentException Unreadable(string deployment, Exception error) =>
        Invalid(deployment, $"{FileName} cannot be read ({error.Message})");

    private static FlowDeploymentException Invalid(string deployment, string reason) =>
        new("FLOW6031", $"Deployment '{deployment}': the manifest signature is not valid: {reason}; nothing of it was loaded.");
}
