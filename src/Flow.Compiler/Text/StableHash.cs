using System.Globalization;

namespace Flow.Compiler.Text;

/// <summary>A short hash of generated-name text that is stable across runs and platforms (string.GetHashCode is not).</summary>
internal static class StableHash
{
    /// <summary>Eight lower-case hex digits of FNV-1a over the UTF-16 code units.</summary>
    public static string Hex8(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
