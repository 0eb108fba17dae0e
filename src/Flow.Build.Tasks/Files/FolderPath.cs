using System;
using System.IO;

namespace Flow.Build.Tasks.Files;

/// <summary>
/// Joins a folder and a relative path only when the result stays inside the folder. The check
/// compares against the folder with its trailing separator: a plain prefix test would let
/// "../flow-deployment2/x.dll" through for the folder "flow-deployment".
/// </summary>
public static class FolderPath
{
    private static readonly StringComparison PathComparison =
        Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The folder with exactly one trailing separator.</summary>
    public static string Root(string directory) =>
        Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;

    /// <summary>The full path of <paramref name="relative"/> in <paramref name="directory"/>; null when it is rooted or leaves the folder.</summary>
    public static string? Inside(string directory, string relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative))
        {
            return null;
        }

        var root = Root(directory);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.Length > root.Length && full.StartsWith(root, PathComparison) ? full : null;
    }
}
