using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flow.Bpmn.Model;

namespace Flow.Bpmn.Builder;

/// <summary>
/// State shared by the builders of one process: the model, the ids in use, the counters for
/// generated ids, and what was set for the next sequence flow (condition, name, id, default).
/// </summary>
internal sealed class BuilderContext
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    public BuilderContext(BpmnDefinitions definitions, BpmnProcess process)
    {
        Definitions = definitions;
        Process = process;
        foreach (var id in definitions.AllIds())
        {
            _ids.Add(id);
        }
    }

    public BpmnDefinitions Definitions { get; }

    public BpmnProcess Process { get; }

    public string? NextFlowId { get; set; }

    public string? NextFlowName { get; set; }

    public string? NextCondition { get; set; }

    public bool NextIsDefault { get; set; }

    /// <summary>The compensation boundary event whose handler the next activity is (set by CompensationStart()).</summary>
    public BpmnFlowNode? CompensationBoundary { get; set; }

    public bool HasNextFlowSettings => NextFlowId is not null || NextFlowName is not null || NextCondition is not null || NextIsDefault;

    /// <summary>The given id (checked: NCName, unused) or the next free <c>{prefix}_{n}</c>.</summary>
    public string TakeId(string? id, string prefix)
    {
        if (id is not null)
        {
            BpmnIds.Validate(id);
            if (!_ids.Add(id))
            {
                throw new BpmnModelException(BpmnErrors.DuplicateId, $"The id '{id}' is already used in definitions '{Definitions.Id}'; ids must be unique in a file.");
            }

            return id;
        }

        _counters.TryGetValue(prefix, out var n);
        string candidate;
        do
        {
            candidate = prefix + "_" + (++n).ToString(CultureInfo.InvariantCulture);
        }
        while (_ids.Contains(candidate));

        _counters[prefix] = n;
        _ids.Add(candidate);
        return candidate;
    }

    public void EnsureNoCompensationStart(string action)
    {
        if (CompensationBoundary is { } boundary)
        {
            throw new BpmnModelException(BpmnErrors.UnusedCompensationStart, $"CompensationStart() on '{boundary.Id}' must be followed by its handler activity, but {action} came first.");
        }
    }

    public void EnsureNoNextFlowSettings(string action)
    {
        EnsureNoCompensationStart(action);

        if (HasNextFlowSettings)
        {
            var what = NextCondition is not null ? "a condition" : NextIsDefault ? "a default flow" : NextFlowId is not null ? $"the flow id '{NextFlowId}'" : "a flow name";
            throw new BpmnModelException(BpmnErrors.UnusedFlowSetting, $"{what} was set for the next sequence flow, but {action} came before any flow was added.");
        }
    }

    /// <summary>The scope holding the node.</summary>
    public IBpmnScope ScopeOf(BpmnFlowNode node) =>
        Definitions.ScopeOf(node.Id) ?? throw new BpmnModelException(BpmnErrors.UnknownId, $"The node '{node.Id}' is not in definitions '{Definitions.Id}'.");

    public BpmnFlowNode FindNode(string id) =>
        (Definitions.FindNode(id) is { } node && BpmnDefinitions.NodesIn(Process).Contains(node) ? node : null)
        ?? throw new BpmnModelException(BpmnErrors.UnknownId, $"There is no flow node with id '{id}' in process '{Process.Id}'.");

    /// <summary>Adds a flow source → target with the settings made for it, then forgets them.</summary>
    public BpmnSequenceFlow Connect(IBpmnScope scope, BpmnFlowNode source, BpmnFlowNode target)
    {
        if (!scope.FlowNodes.Contains(target))
        {
            throw new BpmnModelException(BpmnErrors.CrossScopeFlow, $"A sequence flow from '{source.Id}' to '{target.Id}' would cross the border of '{scope.Id}': both ends must be in the same process or sub-process.");
        }

        var flow = new BpmnSequenceFlow(TakeId(NextFlowId, "Flow"), source.Id, target.Id)
        {
            Name = NextFlowName,
            ConditionExpression = NextCondition,
        };
        scope.SequenceFlows.Add(flow);
        if (NextIsDefault)
        {
            source.DefaultFlow = flow.Id;
        }

        NextFlowId = null;
        NextFlowName = null;
        NextCondition = null;
        NextIsDefault = false;
        return flow;
    }

    /// <summary>The message, signal, error or escalation with the name (or code), created the first time.</summary>
    public BpmnRootElement RootElement(BpmnRootElementKind kind, string nameOrCode)
    {
        if (string.IsNullOrEmpty(nameOrCode))
        {
            throw new BpmnModelException(BpmnErrors.MissingArgument, $"A {kind.ToString().ToLowerInvariant()} needs a name (errors and escalations: a code).");
        }

        var isCoded = kind is BpmnRootElementKind.Error or BpmnRootElementKind.Escalation;
        var existing = Definitions.RootElements.FirstOrDefault(e => e.Kind == kind && (isCoded ? e.Code : e.Name) == nameOrCode);
        if (existing is not null)
        {
            return existing;
        }

        var element = new BpmnRootElement(TakeId(null, kind + "_" + BpmnIds.FromName(nameOrCode)), kind)
        {
            Name = nameOrCode,
            Code = isCoded ? nameOrCode : null,
        };
        Definitions.RootElements.Add(element);
        return element;
    }
}
