using System.Collections;

namespace Flow;

/// <summary>Helpers for conditions written in JUEL style (Camunda Modeler) and translated to C#.</summary>
public static class Juel
{
    /// <summary>JUEL's <c>empty</c>: null, an empty string, or an empty collection.</summary>
    public static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        ICollection c => c.Count == 0,
        IEnumerable e => !e.GetEnumerator().MoveNext(),
        _ => false,
    };
}
