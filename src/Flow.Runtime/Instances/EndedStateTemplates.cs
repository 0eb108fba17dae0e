using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace Flow.Instances;

/// <summary>
/// The JSON of ended states without writing it all each time (for <see cref="EndedInstances"/>).
/// Ended instances of a process mostly end alike: the same tokens, trace and counters, so their
/// state texts differ only in the instance id and the data. A template keeps the text around
/// those two (as UTF-8) with the fields it was written from; a state whose fields equal a
/// template's is written as its data alone, and its text is the template's with its id and data
/// put in. States with anything rarer (scopes, subscriptions, timers, loops, calls, compensation,
/// continuations, a failure) or an id not in the engine's form are written whole.
/// </summary>
/// <remarks>
/// Templates hold strings, numbers and byte arrays only, never a flow's type, so they keep no
/// version loaded. They are immutable once made; the list of them may be read and replaced by
/// several threads at once (a save writes its state outside the store's lock).
/// EndedStateTemplatesTests changes every public field of a state in turn and checks the text.
/// </remarks>
internal sealed class EndedStateTemplates
{
    /// <summary>How many templates are kept: a process that ends along a few paths has one each.</summary>
    private const int Kept = 8;

    /// <summary>After this many states in a row that no template fits, only every this-many-th makes a template.</summary>
    private const int MissesBeforeSparing = 32;

    /// <summary>The text before an engine id: <c>{"InstanceId":"</c>.</summary>
    internal static ReadOnlySpan<byte> Prefix => "{\"InstanceId\":\""u8;

    private readonly EndedStateTemplate?[] _templates = new EndedStateTemplate?[Kept];
    private int _next;
    private int _misses;

    /// <summary>
    /// Writes an ended <paramref name="state"/> into <paramref name="buffer"/>: its data alone when
    /// a template fits (returned), else the whole state (null returned). The data is at
    /// <paramref name="dataStart"/>..<paramref name="dataEnd"/> of the buffer either way.
    /// </summary>
    public EndedStateTemplate? Write<TData>(JsonBuffer buffer, InstanceState<TData> state, DataJson<TData> dataJson, out int dataStart, out int dataEnd)
        where TData : class
    {
        var fits = Fits(state);
        if (fits)
        {
            foreach (var template in _templates)
            {
                if (template is not null && template.Matches(state))
                {
                    _misses = 0;
                    dataStart = 0;
                    // DataInEngine: writing hands the data to nobody, so a kept state is only read here, never written.
                    if (state.DataInEngine is not { } data)
                    {
                        buffer.Writer.WriteNullValue();
                    }
                    else
                    {
                        dataJson.Write(buffer.Writer, data);
                    }

                    dataEnd = buffer.Position;
                    return template;
                }
            }
        }

        (dataStart, dataEnd) = InstanceStateJson.Write(buffer, state, dataJson);
        if (fits && Interlocked.Increment(ref _misses) is var misses && (misses <= MissesBeforeSparing || misses % MissesBeforeSparing == 0)
            && EndedStateTemplate.TryMake(state, buffer.Written, dataStart, dataEnd) is { } made)
        {
            var index = (int)((uint)Interlocked.Increment(ref _next) % Kept);
            Volatile.Write(ref _templates[index], made);
        }

        return null;
    }

    /// <summary>Whether a template can hold the state: an engine id and only the common fields.</summary>
    private static bool Fits<TData>(InstanceState<TData> state)
        where TData : class =>
        InstanceIds.IsEngineForm(state.InstanceId)
        && state.ScopesIfAny is null or { Count: 0 }
        && state.SubscriptionsIfAny is null or { Count: 0 }
        && state.Timers is null
        && state.Loops is null
        && state.Failure is null
        && state.Calls is null
        && state.CalledBy is null
        && state.Compensable is null
        && state.Continuations is null;

    /// <summary>The text of a state kept as <paramref name="template"/> with <paramref name="id"/> and its data's UTF-8.</summary>
    public static string Text(EndedStateTemplate template, string id, ReadOnlySpan<byte> data)
    {
        var length = Prefix.Length + InstanceIds.Length + template.Before.Length + data.Length + template.After.Length;
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = bytes.AsSpan(0, length);
            Prefix.CopyTo(span);
            var at = Prefix.Length;
            at += Encoding.ASCII.GetBytes(id, span[at..]);
            template.Before.CopyTo(span[at..]);
            at += template.Before.Length;
            data.CopyTo(span[at..]);
            at += data.Length;
            template.After.CopyTo(span[at..]);
            return Encoding.UTF8.GetString(span);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}

/// <summary>The text of ended states around their id and data, and the fields it was written from (see <see cref="EndedStateTemplates"/>).</summary>
internal sealed class EndedStateTemplate
{
    private readonly string _processKey;
    private readonly string _definitionHash;
    private readonly InstanceStatus _status;
    private readonly Token[] _tokens;
    private readonly string[] _trace;
    private readonly long _traceDropped;
    private readonly int _nextId;

    private EndedStateTemplate(string processKey, string definitionHash, InstanceStatus status, Token[] tokens, string[] trace, long traceDropped, int nextId, byte[] before, byte[] after)
    {
        _processKey = processKey;
        _definitionHash = definitionHash;
        _status = status;
        _tokens = tokens;
        _trace = trace;
        _traceDropped = traceDropped;
        _nextId = nextId;
        Before = before;
        After = after;
    }

    /// <summary>The text from the quote that ends the id to the data (UTF-8).</summary>
    public byte[] Before { get; }

    /// <summary>The text after the data (UTF-8).</summary>
    public byte[] After { get; }

    /// <summary>A template from the whole text of a state that fits (null when the text does not start with its id as expected).</summary>
    public static EndedStateTemplate? TryMake<TData>(InstanceState<TData> state, ReadOnlySpan<byte> written, int dataStart, int dataEnd)
        where TData : class
    {
        var prefix = EndedStateTemplates.Prefix;
        var idEnd = prefix.Length + state.InstanceId.Length;
        if (written.Length <= idEnd || !written.StartsWith(prefix) || written[idEnd] != (byte)'"' || dataStart < idEnd || dataEnd < dataStart
            || !Encoding.ASCII.GetString(written[prefix.Length..idEnd]).Equals(state.InstanceId, StringComparison.Ordinal))
        {
            return null;
        }

        var tokens = new Token[state.Tokens.Count];
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = state.Tokens[i];
            tokens[i] = new Token(t.Id, t.NodeId, t.ScopeId, t.ArrivedBy, t.Wait, t.Inputs);
        }

        return new EndedStateTemplate(
            state.ProcessKey, state.DefinitionHash, state.Status, tokens, state.Trace.ToArray(), state.TraceDropped, state.NextId,
            written[idEnd..dataStart].ToArray(), written[dataEnd..].ToArray());
    }

    /// <summary>Whether <paramref name="state"/> (one that fits) would be written as this template's text.</summary>
    public bool Matches<TData>(InstanceState<TData> state)
        where TData : class
    {
        if (state.NextId != _nextId || state.Status != _status || state.TraceDropped != _traceDropped
            || !Same(state.ProcessKey, _processKey) || !Same(state.DefinitionHash, _definitionHash))
        {
            return false;
        }

        var tokens = state.Tokens;
        if (tokens.Count != _tokens.Length)
        {
            return false;
        }

        for (var i = 0; i < _tokens.Length; i++)
        {
            var t = tokens[i];
            ref readonly var kept = ref _tokens[i];
            if (t.Id != kept.Id || t.ScopeId != kept.ScopeId || t.Wait != kept.Wait
                || !Same(t.NodeId, kept.NodeId) || !Same(t.ArrivedBy, kept.ArrivedBy) || !Same(t.Inputs, kept.Inputs))
            {
                return false;
            }
        }

        var trace = state.Trace;
        if (trace.Count != _trace.Length)
        {
            return false;
        }

        for (var i = 0; i < _trace.Length; i++)
        {
            if (!Same(trace[i], _trace[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(string? a, string? b) => ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.Ordinal);

    private readonly record struct Token(int Id, string NodeId, int ScopeId, string? ArrivedBy, TokenWait Wait, string? Inputs);
}
