using Flow.Compiler.Rules;

namespace Flow.Compiler.Naming;

/// <summary>
/// What a process key looks like to a reader, for comparing keys across files (FLOW1323): its
/// look-alike skeleton (as for ids, FLOW1317) in upper case, as two keys that differ only in case are
/// easily taken for one, though the engine starts processes by the exact key.
/// </summary>
public static class LookAlikeKeys
{
    public static string Form(string key) => ConfusableIdRules.Skeleton(key).ToUpperInvariant();

    /// <summary>Whether the two look alike as ids of one file do (FLOW1317, which keeps case).</summary>
    public static bool LookAlikeAsIds(string first, string second) =>
        string.Equals(ConfusableIdRules.Skeleton(first), ConfusableIdRules.Skeleton(second), System.StringComparison.Ordinal);

    /// <summary>The key with every character outside ASCII written as \uXXXX, so a message shows the difference.</summary>
    public static string Spelled(string key) => ConfusableIdRules.Spelled(key);
}
