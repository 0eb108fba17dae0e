using System;
using System.Collections.Generic;

namespace Flow;

/// <summary>
/// Conditional start events of the process (Camunda 7's <c>evaluateStartConditions</c>): nothing
/// watches them; the host asks which hold for some data (<see cref="StartConditionsHolding(TData)"/>,
/// or <c>FlowEngine.EvaluateStartConditionsAsync</c>, which also starts the instances).
/// </summary>
public abstract partial class FlowProcess<TData, TInstance>
{
    private int[]? _conditionalStarts;

    /// <summary>The indexes of the process's own conditional start events (not an event sub-process's), in document order.</summary>
    private int[] ConditionalStarts => _conditionalStarts ??= FindConditionalStarts();

    /// <summary>Whether the process has a conditional start event of its own.</summary>
    public bool HasConditionalStart => ConditionalStarts.Length > 0;

    /// <inheritdoc/>
    IReadOnlyList<string> IFlowProcess.StartConditionsHolding(object data) => StartConditionsHolding((TData)data);

    /// <summary>
    /// The ids of the process's conditional start events whose C# condition holds for
    /// <paramref name="data"/>, in document order (start an instance at one with
    /// <see cref="StartAtAsync(TData, string, Action{TData}, System.Threading.CancellationToken)"/>).
    /// A condition that throws is a <see cref="FlowStartConditionException"/> (FLOW6191) naming its start event.
    /// </summary>
    public IReadOnlyList<string> StartConditionsHolding(TData data)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        List<string>? holding = null;
        foreach (var start in ConditionalStarts)
        {
            var id = Definition.Nodes[start].Id;
            bool holds;
            try
            {
                holds = EvaluateEventCondition(start, data);
            }
            catch (Exception ex)
            {
                throw new FlowStartConditionException(InstanceErrors.StartConditionFailed, Definition.Key, id,
                    $"The condition of conditional start event '{id}' of process '{Definition.Key}' threw {ex.GetType().Name}: {ex.Message}", ex);
            }

            if (holds)
            {
                (holding ??= new()).Add(id);
            }
        }

        return holding ?? (IReadOnlyList<string>)Array.Empty<string>();
    }

    private int[] FindConditionalStarts()
    {
        var starts = new List<int>();
        for (var i = 0; i < Definition.Nodes.Count; i++)
        {
            if (Definition.Nodes[i] is { Kind: NodeKind.StartEvent, EventKind: EventKind.Conditional } node && node.ScopeId == Definition.Key)
            {
                starts.Add(i);
            }
        }

        return starts.ToArray();
    }
}
