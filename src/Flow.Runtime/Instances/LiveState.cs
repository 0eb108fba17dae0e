using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace Flow.Instances;

/// <summary>
/// An instance's state as the in-memory store keeps it: a private copy of the objects, never
/// changed after the save that made it (every command runs on a copy of its own), with the JSON
/// written only when someone reads <see cref="StoredInstance.StateJson"/>. The copy holds types of
/// its flow's load context, so when that version unloads the engine detaches it: the text is
/// written and the copy let go. This class is not generic for the same reason: an object of a
/// type made over a flow's data type would keep that flow loaded however long a caller holds it.
/// The copy is the state object itself with its process, which knows its type
/// (<see cref="IKeepsFrozenStates"/>): no object of its own per save.
/// </summary>
internal sealed class LiveState : StateText
{
    // Both set until Detach, which writes the text first and then lets go of them (a reader that
    // finds either null reads the text).
    private IKeepsFrozenStates? _process;
    private object? _frozen;
    private string? _json;
    private bool _keepDataText;
    private string? _dataText;

    /// <summary>Keeps <paramref name="state"/> (an <see cref="InstanceState{TData}"/> of <paramref name="process"/>), which the caller gives up.</summary>
    public LiveState(IKeepsFrozenStates process, object state)
    {
        _process = process;
        _frozen = state;
    }

    public override string Json
    {
        get
        {
            if (Volatile.Read(ref _json) is { } json)
            {
                return json;
            }

            // Detach writes the text before it lets go of the copy, so one of the two is there.
            return TryFrozen(out var process, out var state)
                ? Interlocked.CompareExchange(ref _json, Write(process, state), null) ?? _json!
                : Volatile.Read(ref _json)!;
        }
    }

    private bool TryFrozen([NotNullWhen(true)] out IKeepsFrozenStates? process, [NotNullWhen(true)] out object? state)
    {
        process = Volatile.Read(ref _process);
        state = Volatile.Read(ref _frozen);
        return process is not null && state is not null;
    }

    private static string Write(IKeepsFrozenStates process, object state)
    {
        var buffer = JsonBuffer.Rent();
        try
        {
            process.WriteFrozen(buffer, state);
            return buffer.Text();
        }
        finally
        {
            buffer.Return();
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
        if (!TryFrozen(out var process, out var state))
        {
            return false;
        }

        int dataStart, dataEnd;
        if (templates is null)
        {
            (dataStart, dataEnd) = process.WriteFrozen(buffer, state);
        }
        else
        {
            template = process.WriteFrozenEnded(buffer, state, templates, out dataStart, out dataEnd);
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
    public IFlowInstance? TryResume(IFlowProcess process) => TryFrozen(out var own, out var state) ? own.TryResumeFrozen(state, process) : null;

    /// <summary>What a host reads of the state (copies), or null when detached.</summary>
    public StateSummary? Summary(bool ended) => TryFrozen(out var process, out var state) ? process.FrozenSummary(state, ended) : null;

    /// <summary>Whether the kept data is the object the run itself had (no copy was made: no code outside the engine had it); false when detached. Tests ask.</summary>
    internal bool KeepsDataOfRun => TryFrozen(out var process, out var state) && process.KeepsDataOfRun(state);

    /// <summary>Writes the JSON (if not yet written) and lets go of the copy.</summary>
    public void Detach()
    {
        if (TryFrozen(out var process, out var state))
        {
            Interlocked.CompareExchange(ref _json, Write(process, state), null);
            Volatile.Write(ref _frozen, null);
            Volatile.Write(ref _process, null);
        }
    }
}

/// <summary>
/// What a process does with the kept state of one of its instances (what <see cref="LiveState"/>
/// holds until it is detached): the process knows the state's type, so the kept state needs no
/// object of its own around it. <c>state</c> is always an <see cref="InstanceState{TData}"/> of
/// the process's data type, given up by the command that saved it and never changed again.
/// </summary>
internal interface IKeepsFrozenStates
{
    /// <summary>Writes the state; returns where its data starts and ends in the buffer.</summary>
    (int DataStart, int DataEnd) WriteFrozen(JsonBuffer buffer, object state);

    /// <summary>Writes the state as it ended (see <see cref="EndedStateTemplates.Write"/>).</summary>
    EndedStateTemplate? WriteFrozenEnded(JsonBuffer buffer, object state, EndedStateTemplates templates, out int dataStart, out int dataEnd);

    /// <summary>A running copy of the state for <paramref name="process"/>, or null when it is of another process type.</summary>
    IFlowInstance? TryResumeFrozen(object state, IFlowProcess process);

    StateSummary FrozenSummary(object state, bool ended);

    /// <summary>Whether the state keeps the data object its run had (see <see cref="InstanceState{TData}.DataOnlyInEngine"/>).</summary>
    bool KeepsDataOfRun(object state);
}
