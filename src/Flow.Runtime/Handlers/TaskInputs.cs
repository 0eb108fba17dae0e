using System;
using System.Collections.Generic;
using System.Linq;

namespace Flow;

/// <summary>
/// The evaluated input parameters of the task a handler bound by name runs (Camunda's local
/// variables, <c>execution.getVariable("x")</c>), typed as the diagram declares them; in a
/// multi-instance also its element variable (read-only). Reads check the type: asking for the
/// wrong one is an error naming the task and the input, never a silent conversion.
/// </summary>
public sealed class TaskInputs
{
    private static readonly (IInputValues Source, int Index, bool ReadOnly)[] NoEntries = [];

    private readonly (IInputValues Source, int Index, bool ReadOnly)[] _entries;

    /// <summary>The task's inputs: its <paramref name="parameters"/> and a multi-instance <paramref name="element"/> (a parameter of its name hides it).</summary>
    internal TaskInputs(string nodeId, IInputValues? parameters, IInputValues? element)
    {
        NodeId = nodeId;
        var entries = new List<(IInputValues, int, bool)>();
        var parameterNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (parameters?.Count ?? 0); i++)
        {
            parameterNames.Add(parameters!.NameAt(i));
        }

        for (var i = 0; i < (element?.Count ?? 0); i++)
        {
            if (!parameterNames.Contains(element!.NameAt(i)))
            {
                entries.Add((element, i, true));
            }
        }

        for (var i = 0; i < (parameters?.Count ?? 0); i++)
        {
            entries.Add((parameters!, i, false));
        }

        _entries = entries.Count == 0 ? NoEntries : entries.ToArray();
    }

    /// <summary>No inputs (a task without input parameters).</summary>
    internal static TaskInputs None(string nodeId) => new(nodeId, null, null);

    /// <summary>The id of the task the inputs belong to.</summary>
    public string NodeId { get; }

    /// <summary>The names of the inputs: the multi-instance element variable first, then the input parameters in the diagram's order.</summary>
    public IReadOnlyList<string> Names => _entries.Select(e => e.Source.NameAt(e.Index)).ToArray();

    /// <summary>How many inputs the task has.</summary>
    public int Count => _entries.Length;

    /// <summary>Whether the task has an input named <paramref name="name"/> (case-sensitive, as C# names are).</summary>
    public bool Contains(string name) => Find(name) >= 0;

    /// <summary>The declared type of input <paramref name="name"/> (FLOW6280 when there is none).</summary>
    public Type GetInputType(string name)
    {
        var (source, index, _) = _entries[Require(name)];
        return source.TypeAt(index);
    }

    /// <summary>
    /// Input <paramref name="name"/> as <typeparamref name="T"/>: false when the task has no such
    /// input; a <typeparamref name="T"/> its declared type does not convert to implicitly as a
    /// reference or boxing conversion (a <c>decimal</c> read as <c>double</c>) is FLOW6281.
    /// </summary>
    public bool TryGetInput<T>(string name, out T value)
    {
        var at = Find(name);
        if (at < 0)
        {
            value = default!;
            return false;
        }

        value = Read<T>(at, name);
        return true;
    }

    /// <summary>Input <paramref name="name"/> as <typeparamref name="T"/>: FLOW6280 when the task has no such input, FLOW6281 when it is not a <typeparamref name="T"/>.</summary>
    public T GetInput<T>(string name) => Read<T>(Require(name), name);

    /// <summary>
    /// Sets input <paramref name="name"/> (a local variable of the task, as Camunda's
    /// <c>setVariableLocal</c>): the task's output parameters see the new value; the process
    /// variable of that name does not change. A value not of the input's type, an unknown name or
    /// the multi-instance element is FLOW6282.
    /// </summary>
    public void SetInput<T>(string name, T value)
    {
        var at = Find(name);
        if (at < 0)
        {
            throw Error(InputErrors.SetRefused, $"task '{NodeId}' has no input '{name}' to set{Listing()}; a handler sets the inputs the diagram declares (camunda:inputParameter), and the process data through context.Data.");
        }

        var (source, index, readOnly) = _entries[at];
        var type = source.TypeAt(index);
        if (readOnly)
        {
            throw Error(InputErrors.SetRefused, $"input '{name}' of task '{NodeId}' is the multi-instance element, which a handler cannot set.");
        }

        if (value is null ? type.IsValueType && Nullable.GetUnderlyingType(type) is null : !type.IsInstanceOfType(value))
        {
            throw Error(InputErrors.SetRefused, $"input '{name}' of task '{NodeId}' is {TypeNames.Of(type)}, so {(value is null ? "null" : "a value of type " + TypeNames.Of(value.GetType()))} cannot be set to it.");
        }

        source.SetAt(index, value);
    }

    /// <summary>The entries, for the JSON view: (name, declared type, value, read-only).</summary>
    internal IEnumerable<(string Name, Type Type, object? Value, bool ReadOnly)> Entries =>
        _entries.Select(e => (e.Source.NameAt(e.Index), e.Source.TypeAt(e.Index), e.Source.GetAt(e.Index), e.ReadOnly));

    /// <summary>Sets input <paramref name="name"/> to a value already read as its type (the JSON view checked it).</summary>
    internal void SetChecked(string name, object? value)
    {
        var (source, index, _) = _entries[Find(name)];
        source.SetAt(index, value);
    }

    internal FlowExecutionException Error(string id, string message) => new(NodeId, id + ": " + message);

    private T Read<T>(int at, string name)
    {
        var (source, index, _) = _entries[at];
        var type = source.TypeAt(index);
        if (!typeof(T).IsAssignableFrom(type))
        {
            throw Error(InputErrors.WrongType, $"input '{name}' of task '{NodeId}' is {TypeNames.Of(type)}, not {TypeNames.Of(typeof(T))}; read it as GetInput<{TypeNames.Of(type)}>(\"{name}\") (or as a type it converts to, such as object).");
        }

        return source.GetAt(index) is { } value ? (T)value : default!;
    }

    private int Require(string name)
    {
        var at = Find(name);
        return at >= 0 ? at : throw Error(InputErrors.NoSuchInput, $"task '{NodeId}' has no input '{name}'{Listing()}.");
    }

    private string Listing() => _entries.Length == 0 ? " (it has no inputs)" : " (its inputs: " + string.Join(", ", Names) + ")";

    private int Find(string name)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].Source.NameAt(_entries[i].Index), name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
