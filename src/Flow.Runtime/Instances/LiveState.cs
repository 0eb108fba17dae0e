using System.Collections.Generic;
using System.Threading;

namespace Flow.Instances;

/// <summary>
/// An instance's state as the in-memory store keeps it: a private copy of the objects, never
/// changed after the save that made it (every command runs on a copy of its own), with the JSON
/// written only when someone reads <see cref="StoredInstance.StateJson"/>. The copy holds types of
/// its flow's load context, so when that version unloads the engine detaches it: the text is
/// written and the copy let go. This class is not generic for the same reason: an object of a
/// type made over a flow's data type would keep that flow loaded however long a caller holds it.
/// </summary>
internal sealed class LiveState : StateText
{
    private FrozenState? _frozen;
    private string? _json;
    private bool _keepDataText;
    private string? _dataText;

    /// <summary>Keeps <paramref name="frozen"/>, which the caller gives up.</summary>
    public LiveState(FrozenState frozen) => _frozen = frozen;

    public override string Json
    {
        get
        {
            if (Volatile.Read(ref _json) is { } json)
            {
                return json;
            }

            // Detach writes the text before it lets go of the copy, so one of the two is there.
            var frozen = Volatile.Read(ref _frozen);
            return frozen is null ? Volatile.Read(ref _json)! : Interlocked.CompareExchange(ref _json, frozen.Write(), null) ?? _json!;
        }
    }

    /// <summary>
    /// Writes the state's JSON as UTF-8 into <paramref name="buffer"/> (the same text as <see cref="Json"/>)
    /// without making a string; false when the copy is detached (then read <see cref="Json"/>).
    /// </summary>
    public bool TryWriteUtf8(JsonBuffer buffer) => TryWrite(buffer, templates: null, out _);

    /// <summary>
    /// Like <see cref="TryWriteUtf8"/>, for an ended state the store keeps compact: writes only the
    /// data when one of <paramref name="templates"/> fits the state (<paramref name="template"/>),
    /// else the whole state.
    /// </summary>
    public bool TryWriteEnded(JsonBuffer buffer, EndedStateTemplates templates, out EndedStateTemplate? template) =>
        TryWrite(buffer, templates, out template);

    private bool TryWrite(JsonBuffer buffer, EndedStateTemplates? templates, out EndedStateTemplate? template)
    {
        template = null;
        if (Volatile.Read(ref _frozen) is not { } frozen)
        {
            return false;
        }

        int dataStart, dataEnd;
        if (templates is null)
        {
            (dataStart, dataEnd) = frozen.WriteTo(buffer);
        }
        else
        {
            template = frozen.WriteEnded(buffer, templates, out dataStart, out dataEnd);
        }

        if (_keepDataText)
        {
            _dataText = buffer.Text(dataStart, dataEnd);
        }

        return true;
    }

    /// <summary>Asks the next <see cref="TryWriteUtf8"/> to keep the data's part of the text (the engine's snapshot of an instance that ended).</summary>
    public void KeepDataText() => _keepDataText = true;

    /// <summary>The data's text <see cref="TryWriteUtf8"/> kept, once, or null when the store wrote none.</summary>
    public string? TakeDataText()
    {
        var text = _dataText;
        _dataText = null;
        _keepDataText = false;
        return text;
    }

    /// <summary>A running copy for <paramref name="process"/>, or null when the state is detached or of another process type (then resume from the JSON).</summary>
    public IFlowInstance? TryResume(IFlowProcess process) => Volatile.Read(ref _frozen)?.TryResume(process);

    /// <summary>What a host reads of the state (copies), or null when detached.</summary>
    public StateSummary? Summary(bool ended) => Volatile.Read(ref _frozen)?.Summary(ended);

    /// <summary>The kept copy, or null when detached (tests look at it).</summary>
    internal FrozenState? Frozen => Volatile.Read(ref _frozen);

    /// <summary>Writes the JSON (if not yet written) and lets go of the copy.</summary>
    public void Detach()
    {
        if (Volatile.Read(ref _frozen) is { } frozen)
        {
            Interlocked.CompareExchange(ref _json, frozen.Write(), null);
            Volatile.Write(ref _frozen, null);
        }
    }
}

/// <summary>The kept copy of a state (what <see cref="LiveState"/> holds until it is detached).</summary>
internal abstract class FrozenState
{
    /// <summary>Writes the state; returns where its data starts and ends in the buffer.</summary>
    public abstract (int DataStart, int DataEnd) WriteTo(JsonBuffer buffer);

    public string Write()
    {
        var buffer = JsonBuffer.Rent();
        try
        {
            WriteTo(buffer);
            return buffer.Text();
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>Writes the state as it ended (see <see cref="EndedStateTemplates.Write"/>).</summary>
    public abstract EndedStateTemplate? WriteEnded(JsonBuffer buffer, EndedStateTemplates templates, out int dataStart, out int dataEnd);

    public abstract IFlowInstance? TryResume(IFlowProcess process);

    public abstract StateSummary Summary(bool ended);

    /// <summary>Whether the kept data is the object the run itself had (no copy was made: no code outside the engine had it).</summary>
    internal abstract bool KeepsDataOfRun { get; }
}

/// <inheritdoc cref="FrozenState"/>
internal sealed class FrozenState<TData>(FlowProcess<TData> process, InstanceState<TData> state) : FrozenState
    where TData : class
{
    public override IFlowInstance? TryResume(IFlowProcess other)
    {
        if (other is not FlowProcess<TData> same || same.GetType() != process.GetType())
        {
            return null;
        }

        // The copy's data is a new object only the engine has (until the command hands it out).
        var copy = state.Copy(DataCopy<TData>.For(process.DataJson, state.DataInEngine));
        copy.OwnData();
        return same.ResumeCopy(copy);
    }

    // A copy is set through Data, which clears the mark; nothing reads the kept state's Data before a test asks.
    internal override bool KeepsDataOfRun => state.DataOnlyInEngine;

    public override StateSummary Summary(bool ended)
    {
        var waiting = new List<string>();
        if (!ended)
        {
            foreach (var token in state.Tokens)
            {
                if (token.Wait is TokenWait.Task or TokenWait.Event or TokenWait.Call)
                {
                    waiting.Add(token.NodeId);
                }
            }
        }

        var failure = state.Failure is { } f ? new FailureState { NodeId = f.NodeId, Kind = f.Kind, Message = f.Message } : null;
        return new StateSummary(new List<string>(state.Trace), waiting, failure, DataText());
    }

    public override (int DataStart, int DataEnd) WriteTo(JsonBuffer buffer) => InstanceStateJson.Write(buffer, state, process.DataJson);

    public override EndedStateTemplate? WriteEnded(JsonBuffer buffer, EndedStateTemplates templates, out int dataStart, out int dataEnd) =>
        templates.Write(buffer, state, process.DataJson, out dataStart, out dataEnd);

    private string DataText()
    {
        if (state.DataInEngine is not { } data)
        {
            return "null";
        }

        var buffer = JsonBuffer.Rent();
        try
        {
            process.DataJson.Write(buffer.Writer, data);
            return buffer.Text();
        }
        finally
        {
            buffer.Return();
        }
    }
}
