using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Flow.Compiler.Planning;
using Flow.Compiler.Text;

namespace Flow.Compiler.Emit;

/// <summary>
/// Hint names, which Roslyn requires to be unique in a project ignoring case (a repeated one is
/// refused, and the source with it would be lost).
/// </summary>
public static class HintNames
{
    /// <summary>
    /// A hint name unique in the project ignoring case: the class's full name, then the file's
    /// project-relative path (two files may define the same class, an error reported elsewhere).
    /// A path with anything but lower-case ASCII letters, digits, '.', '-' and folder separators
    /// ends in a hash of the path as written, so that two paths that differ only in case or in
    /// characters replaced by '_' stay apart. <paramref name="taken"/> holds the hint names of
    /// the file so far: a class whose name equals another's ignoring case (<c>orderflow</c>,
    /// <c>orderFlow</c>) gets a hash of its exact name.
    /// </summary>
    public static string For(ProcessClassPlan plan, string relativePath, ISet<string> taken)
    {
        var path = relativePath.TrimStart('/', '\\');
        var builder = new StringBuilder(plan.FullName).Append('.');
        var canonical = true;
        foreach (var c in path)
        {
            if (c is '/' or '\\')
            {
                builder.Append('_');
                continue;
            }

            canonical &= c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-';
            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        if (!canonical)
        {
            builder.Append('.').Append(StableHash.Hex8(path));
        }

        var name = builder.ToString();
        if (taken.Contains(name + ".g.cs"))
        {
            name += "." + StableHash.Hex8(plan.FullName);
        }

        var unique = name + ".g.cs";
        for (var n = 2; taken.Contains(unique); n++)
        {
            unique = name + "." + n.ToString(CultureInfo.InvariantCulture) + ".g.cs";
        }

        taken.Add(unique);
        return unique;
    }

    /// <summary>A set for <see cref="For"/>: hint names compared as Roslyn compares them.</summary>
    public static ISet<string> NewSet() => new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
