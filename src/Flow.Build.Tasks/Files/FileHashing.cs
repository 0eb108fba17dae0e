using System.IO;
using System.Security.Cryptography;
using Flow.Build.Tasks.Manifest;
using Flow.Build.Tasks.Versioning;

namespace Flow.Build.Tasks.Files;

/// <summary>Size and SHA-256 of a file on disk, as a manifest entry.</summary>
public static class FileHashing
{
    public static FileEntry Describe(string path, string relativePath)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(stream);
        return new FileEntry(relativePath, stream.Length, Hex.Of(hash));
    }
}
