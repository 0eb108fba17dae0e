using System;
using System.Collections.Generic;

namespace Flow;

/// <summary>
/// Builds a <see cref="ProcessDescription"/> one row at a time. Generated code describes each
/// plain node and each flow in one short call (<c>d.ServiceTask("Task_1", "Check stock");</c>,
/// <c>d.Flow("Flow_1", "Start", "Task_1");</c>) instead of constructing every object itself,
/// which keeps the generated file small; nodes with more to say are added whole with
/// <see cref="Node(NodeDescription)"/>. Order matters: node and flow indexes are the order of the calls.
/// </summary>
public sealed partial class ProcessDescriptionBuilder
{
    private readonly string _key;
    private readonly string? _name;
    private readonly string _sourceFile;
    private readonly string _sourceHash;
    private readonly string _definitionHash;
    private readonly List<NodeDescription> _nodes;
    private readonly List<FlowDescription> _flows;
    private string _scope;

    /// <summary>Starts the description of process <paramref name="key"/>; <paramref name="capacity"/> is the number of nodes expected.</summary>
    public ProcessDescriptionBuilder(string key, string? name, string sourceFile, string sourceHash, string definitionHash, int capacity = 0)
    {
        _key = key ?? throw new ArgumentNullException(nameof(key));
        _name = name;
        _sourceFile = sourceFile;
        _sourceHash = sourceHash;
        _definitionHash = definitionHash;
        _scope = key;
        _nodes = new List<NodeDescription>(capacity);
        _flows = new List<FlowDescription>(capacity + (capacity / 4));
    }

    /// <summary>
    /// The description <paramref name="describe"/> adds to a builder for process <paramref name="key"/>
    /// (<paramref name="capacity"/>: the number of nodes expected); how generated code builds its description.
    /// </summary>
    public static ProcessDescription Build(string key, string? name, string sourceFile, string sourceHash, string definitionHash, int capacity, Action<ProcessDescriptionBuilder> describe)
    {
        ArgumentNullException.ThrowIfNull(describe);
        var builder = new ProcessDescriptionBuilder(key, name, sourceFile, sourceHash, definitionHash, capacity);
        describe(builder);
        return builder.Build();
    }

    /// <summary>The process or sub-process the nodes added next belong to (the process until set; null resets it to the process).</summary>
    public void Scope(string? scopeId) => _scope = scopeId ?? _key;

    /// <summary>Adds a node described in full (events, wait states with outputs, timers, loops, calls, bindings).</summary>
    public void Node(NodeDescription node) => _nodes.Add(node ?? throw new ArgumentNullException(nameof(node)));

    /// <summary>Adds a plain node of <paramref name="kind"/> in the current scope.</summary>
    public void Node(string id, NodeKind kind, string? name = null) => _nodes.Add(new NodeDescription(id, name, kind, _scope));

    /// <summary>Adds a sequence flow, with its condition text as drawn (or none).</summary>
    public void Flow(string id, string sourceId, string targetId, string? condition = null) =>
        _flows.Add(new FlowDescription(id, sourceId, targetId, condition, isDefault: false));

    /// <summary>Adds its source's default flow.</summary>
    public void DefaultFlow(string id, string sourceId, string targetId, string? condition = null) =>
        _flows.Add(new FlowDescription(id, sourceId, targetId, condition, isDefault: true));

    /// <summary>The description of every node and flow added, in the order they were added.</summary>
    public ProcessDescription Build() =>
        new(_key, _name, _sourceFile, _sourceHash, _definitionHash, _nodes.ToArray(), _flows.ToArray());
}
