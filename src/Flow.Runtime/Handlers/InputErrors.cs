using System.Collections.Generic;

namespace Flow;

/// <summary>The FLOW628x ids of a bound handler's access to its task's inputs (documented in docs/diagnostics.md).</summary>
public static class InputErrors
{
    /// <summary>A handler asked for an input the task does not have.</summary>
    public const string NoSuchInput = "FLOW6280";

    /// <summary>A handler read an input as a type its declared type is not.</summary>
    public const string WrongType = "FLOW6281";

    /// <summary>A handler set an input it cannot: an unknown name, the multi-instance element, or a value not of the input's type.</summary>
    public const string SetRefused = "FLOW6282";

    /// <summary>A JSON handler changed its inputs in a way they cannot take.</summary>
    public const string JsonInputChangeRefused = "FLOW6283";

    /// <summary>The ids with their titles.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [NoSuchInput] = "Handler asked for an input the task does not have",
        [WrongType] = "Handler read an input as the wrong type",
        [SetRefused] = "Handler set an input it cannot",
        [JsonInputChangeRefused] = "JSON handler's change does not fit the inputs",
    };
}
