using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>What the value of a <c>camunda:inputParameter</c> or <c>camunda:outputParameter</c> is.</summary>
public enum ParameterValueKind
{
    /// <summary>No value: the parameter is null.</summary>
    Empty,

    /// <summary>A text constant (a string).</summary>
    Text,

    /// <summary><c>${…}</c> (or <c>#{…}</c>): a C# expression, JUEL-style words accepted as in conditions.</summary>
    Expression,

    /// <summary>Text with <c>${…}</c> inside it (a JUEL composite string), which has no typed C# form.</summary>
    Composite,

    /// <summary><c>camunda:list</c> of values.</summary>
    List,

    /// <summary><c>camunda:map</c> of keyed entries.</summary>
    Map,

    /// <summary>
    /// <c>camunda:script</c>: in C#, the value of its expression or its <c>return</c> (FLOW1275
    /// when it has neither); another language or an external resource is an error (FLOW1273, FLOW1274).
    /// </summary>
    Script,

    /// <summary>An element that is none of list, map, script or value: left out (FLOW1206).</summary>
    Unknown,
}

/// <summary>
/// One value of a parameter: the parameter's own, or an element of its list or map
/// (<paramref name="Key"/> for a map entry). <paramref name="Value"/> holds a text constant or the
/// expression (column-aligned, <c>${…}</c> still around it), <paramref name="Items"/> a list's or map's entries.
/// </summary>
public sealed record ParameterValue(ParameterValueKind Kind, Expression? Value, SourceSpan Span)
{
    public string? Key { get; init; }

    public EquatableArray<ParameterValue> Items { get; init; }

    /// <summary>For a script: its language (<c>scriptFormat</c>); for an unknown element: its name.</summary>
    public string? ScriptFormat { get; init; }

    /// <summary>For a script: its external <c>resource</c> attribute (not supported: FLOW1274), or null.</summary>
    public string? ScriptResource { get; init; }
}

/// <summary>A <c>camunda:inputParameter</c> or <c>camunda:outputParameter</c>: its <c>name</c>, value and <c>flow:type</c>.</summary>
public sealed record InputOutputParameter(string Name, ParameterValue Value, SourceSpan Span)
{
    /// <summary><c>flow:type</c> on the parameter: the C# type of an input local, when it cannot be inferred.</summary>
    public string? DeclaredType { get; init; }
}

/// <summary>An activity's <c>camunda:inputOutput</c>: input parameters (activity-local variables) and output parameters (written to the process data when it ends).</summary>
public sealed record InputOutputModel(EquatableArray<InputOutputParameter> Inputs, EquatableArray<InputOutputParameter> Outputs, SourceSpan Span);
