using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Flow.Build.Tasks.Manifest;

namespace Flow.Build.Tasks.Versioning;

/// <summary>
/// One SHA-256 over the deployment's files (path, size and hash of each, in ordinal path
/// order): equal exactly when every file is byte-identical, whatever order they came in.
/// </summary>
public static class ContentHash
{
    public static string Of(IEnumerable<FileEntry> files)
    {
        var text = new StringBuilder();
        foreach (var file in files.OrderBy(f => f.Path, System.StringComparer.Ordinal))
        {
            text.Append(file.Path).Append('\t').Append(file.Size.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(file.Sha256).Append('\n');
        }

        return Hex.Sha256(Encoding.UTF8.GetBytes(text.ToString()));
    }
}

/// <summary>Lower-case hex SHA-256, the one hash format of manifests.</summary>
public static class Hex
{
    public static string Sha256(byte[] bytes)
    {
        using var sha = SHA256.Create();
        return Of(sha.ComputeHash(bytes));
    }

    public static string Of(byte[] hash)
    {
        var text = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
        {
            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
