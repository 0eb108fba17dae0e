using System;
using System.Collections.Generic;
using System.Linq;

namespace Flow.Build.Tasks.Sharing;

/// <summary>Case-insensitive names with '*' for any run of characters (Microsoft.Extensions.*.Abstractions).</summary>
public static class NamePattern
{
    public static bool MatchesAny(string name, IEnumerable<string> patterns) => patterns.Any(p => Matches(name, p));

    public static bool Matches(string name, string pattern)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(name, pattern, StringComparison.OrdinalIgnoreCase);
        }

        if (!name.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase) || !name.EndsWith(parts[parts.Length - 1], StringComparison.OrdinalIgnoreCase)
            || name.Length < parts[0].Length + parts[parts.Length - 1].Length)
        {
            return false;
        }

        var position = parts[0].Length;
        var end = name.Length - parts[parts.Length - 1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = name.IndexOf(parts[i], position, StringComparison.OrdinalIgnoreCase);
            if (found < 0 || found + parts[i].Length > end)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return true;
    }
}
