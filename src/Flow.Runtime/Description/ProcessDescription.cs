using System;
using System.Collections.Generic;

namespace Flow;

/// <summary>
/// The static shape of a compiled process: its key, source, nodes and flows. Generated for each
/// executable process; the runtime uses it for migration, tracing and pictures.
/// </summary>
public sealed class ProcessDescription
{
    private readonly Dictionary<string, NodeDescription> _nodesById;

    /// <summary>Creates a process description (generated code calls this).</summary>
    public ProcessDescription(string key, string? name, string sourceFile, string sourceHash, string definitionHash, NodeDescription[] nodes, FlowDescription[] flows)
    {
        DefinitionHash = definitionHash;
        Key = key ?? throw new ArgumentNullException(nameof(key));
        Name = name;
        SourceFile = sourceFile;
        SourceHash = sourceHash;
        Nodes = nodes;
        Flows = flows;
        _nodesById = new Dictionary<string, NodeDescription>(nodes.Length, StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            _nodesById[node.Id] = node;
        }
    }

    /// <summary>The process key (the BPMN process id).</summary>
    public string Key { get; }

    /// <summary>The process name, if drawn.</summary>
    public string? Name { get; }

    /// <summary>The file name of the BPMN source.</summary>
    public string SourceFile { get; }

    /// <summary>SHA-256 of the BPMN file without its diagram interchange (layout), lower-case hex.</summary>
    public string SourceHash { get; }

    /// <summary>The definition's version: SHA-256 of what the process means, not of its layout.</summary>
    public string DefinitionHash { get; }

    /// <summary>Every flow node, in document order.</summary>
    public IReadOnlyList<NodeDescription> Nodes { get; }

    /// <summary>Every sequence flow, in document order.</summary>
    public IReadOnlyList<FlowDescription> Flows { get; }

    /// <summary>The node with this id, or null.</summary>
    public NodeDescription? FindNode(string id) => _nodesById.TryGetValue(id, out var node) ? node : null;
}
