using System.Collections.Generic;
using Flow.Instances;

namespace Flow;

/// <summary>
/// The kept state of an instance in the in-memory store (<see cref="LiveState"/>): written, read
/// and resumed through the process that made it, which knows its data type.
/// </summary>
public abstract partial class FlowProcess<TData> : IKeepsFrozenStates
{
    /// <inheritdoc/>
    (int DataStart, int DataEnd) IKeepsFrozenStates.WriteFrozen(JsonBuffer buffer, object state) =>
        InstanceStateJson.Write(buffer, (InstanceState<TData>)state, DataJson);

    /// <inheritdoc/>
    EndedStateTemplate? IKeepsFrozenStates.WriteFrozenEnded(JsonBuffer buffer, object state, EndedStateTemplates templates, out int dataStart, out int dataEnd) =>
        templates.Write(buffer, (InstanceState<TData>)state, DataJson, out dataStart, out dataEnd);

    /// <inheritdoc/>
    IFlowInstance? IKeepsFrozenStates.TryResumeFrozen(object state, IFlowProcess other)
    {
        if (other is not FlowProcess<TData> same || same.GetType() != GetType())
        {
            return null;
        }

        // The copy's data is a new object only the engine has (until the command hands it out).
        var kept = (InstanceState<TData>)state;
        var copy = kept.Copy(DataCopy<TData>.For(DataJson, kept.DataInEngine));
        copy.OwnData();
        return same.ResumeCopy(copy);
    }

    /// <inheritdoc/>
    StateSummary IKeepsFrozenStates.FrozenSummary(object state, bool ended)
    {
        var kept = (InstanceState<TData>)state;
        var waiting = new List<string>();
        if (!ended)
        {
            foreach (var token in kept.Tokens)
            {
                if (token.Wait is TokenWait.Task or TokenWait.Event or TokenWait.Call)
                {
                    waiting.Add(token.NodeId);
                }
            }
        }

        var failure = kept.Failure is { } f ? new FailureState { NodeId = f.NodeId, Kind = f.Kind, Message = f.Message } : null;
        return new StateSummary(new List<string>(kept.Trace), waiting, failure, FrozenDataText(kept));
    }

    /// <inheritdoc/>
    bool IKeepsFrozenStates.KeepsDataOfRun(object state) => ((InstanceState<TData>)state).DataOnlyInEngine;

    private string FrozenDataText(InstanceState<TData> state)
    {
        if (state.DataInEngine is not { } data)
        {
            return "null";
        }

        var buffer = JsonBuffer.Rent();
        try
        {
            DataJson.Write(buffer.Writer, data);
            return buffer.Text();
        }
        finally
        {
            buffer.Return();
        }
    }
}
