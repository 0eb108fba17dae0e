using System;
using System.IO;

namespace Flow.Build.Tasks.Files;

/// <summary>
/// Writes a file so a reader sees the old bytes or the new ones, never a torn file: the
/// text goes to a temporary file in the same folder (same volume), then replaces the target.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, byte[] bytes)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            if (File.Exists(path))
            {
                File.Replace(temporary, path, destinationBackupFileName: null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>True when the file already holds exactly these bytes (then it is left untouched,
    /// so watchers and timestamps see no change).</summary>
    public static bool HasContent(string path, byte[] bytes)
    {
        if (!File.Exists(path) || new FileInfo(path).Length != bytes.Length)
        {
            return false;
        }

        var existing = File.ReadAllBytes(path);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (existing[i] != bytes[i])
            {
                return false;
            }
        }

        return true;
    }
}
