using System.Collections.Generic;
using System.Linq;

namespace Flow.Bpmn.Model;

/// <summary>What a <c>camunda:inputOutput</c> parameter (or a list item, or a map entry) holds.</summary>
public enum BpmnParameterValueKind
{
    /// <summary>Text: a constant or a <c>${…}</c> expression (or nothing).</summary>
    Text,

    /// <summary><c>camunda:list</c> of values.</summary>
    List,

    /// <summary><c>camunda:map</c> of keyed entries.</summary>
    Map,

    /// <summary><c>camunda:script</c>: kept as written (the compiler runs an inline C# one as the value; other languages are FLOW1273).</summary>
    Script,
}

/// <summary>
/// The value of a parameter: text, a list or map (nesting as deep as needed) or a script.
/// Immutable; a string converts to a text value, so lists are written as <c>["${1}", "${2}"]</c>.
/// </summary>
public sealed class BpmnParameterValue
{
    private static readonly IReadOnlyList<BpmnParameterValue> NoItems = new BpmnParameterValue[0];
    private static readonly IReadOnlyList<KeyValuePair<string, BpmnParameterValue>> NoEntries = new KeyValuePair<string, BpmnParameterValue>[0];

    private BpmnParameterValue(BpmnParameterValueKind kind)
    {
        Kind = kind;
    }

    public BpmnParameterValueKind Kind { get; }

    /// <summary>Text: the text (null for none); Script: the script's source (null for none).</summary>
    public string? Text { get; private set; }

    /// <summary>List: its items, in order.</summary>
    public IReadOnlyList<BpmnParameterValue> Items { get; private set; } = NoItems;

    /// <summary>Map: its entries, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, BpmnParameterValue>> Entries { get; private set; } = NoEntries;

    /// <summary>Script: <c>scriptFormat</c>.</summary>
    public string? ScriptFormat { get; private set; }

    /// <summary>Script: <c>resource</c> (an external script), when given.</summary>
    public string? ScriptResource { get; private set; }

    public static BpmnParameterValue FromText(string? text) => new(BpmnParameterValueKind.Text) { Text = string.IsNullOrEmpty(text) ? null : text };

    public static BpmnParameterValue List(IEnumerable<BpmnParameterValue> items) => new(BpmnParameterValueKind.List) { Items = items.ToArray() };

    public static BpmnParameterValue List(params BpmnParameterValue[] items) => List((IEnumerable<BpmnParameterValue>)items);

    /// <summary>A map; keys are checked by the builder (FLOW8022) and the reader keeps what is written.</summary>
    public static BpmnParameterValue Map(IEnumerable<KeyValuePair<string, BpmnParameterValue>> entries) => new(BpmnParameterValueKind.Map) { Entries = entries.ToArray() };

    public static BpmnParameterValue Script(string? scriptFormat, string? source, string? resource = null) =>
        new(BpmnParameterValueKind.Script) { ScriptFormat = scriptFormat, Text = string.IsNullOrEmpty(source) ? null : source, ScriptResource = resource };

    public static implicit operator BpmnParameterValue(string? text) => FromText(text);

    /// <summary>A readable form that differs whenever two values differ (used by the model comparison).</summary>
    public override string ToString() => Kind switch
    {
        BpmnParameterValueKind.List => "[" + string.Join(", ", Items) + "]",
        BpmnParameterValueKind.Map => "{" + string.Join(", ", Entries.Select(e => Quote(e.Key) + ": " + e.Value)) + "}",
        BpmnParameterValueKind.Script => "script(" + Quote(ScriptFormat) + ", " + Quote(ScriptResource) + ", " + Quote(Text) + ")",
        _ => Text ?? "",
    };

    private static string Quote(string? text) => text is null ? "null" : "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
