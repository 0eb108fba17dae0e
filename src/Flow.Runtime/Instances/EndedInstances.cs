using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Unicode;

namespace Flow.Instances;

/// <summary>
/// The ended instances an <see cref="InMemoryInstanceStore"/> keeps under its retention, oldest
/// ended first, in a compact form that costs the GC nearly nothing: one slot per instance in a
/// ring of structs (its id as a <see cref="Guid"/> when it is one, its columns, and its state's
/// UTF-8 JSON in a byte array taken over from the slot retention removed before). An ended
/// instance is kept for as long as the next 10,000 instances run (the default retention), so as
/// objects (record, state, tokens, trace, data) every one of them was promoted to the oldest
/// generation and collected there; kept so, an ending adds no object that outlives its command.
/// </summary>
/// <remarks>
/// An instance is written as JSON once, when it ends (the live objects the engine handed
/// over die young), before the store's lock is taken (<see cref="Prepare"/>); when it ended like
/// an earlier one, only its data is written and kept, with the shared text around it
/// (<see cref="EndedStateTemplates"/>). One that cannot be compact (it still lists jobs or subscriptions, or its
/// text is not valid UTF-16) is kept whole. A load makes a new <see cref="StoredInstance"/> with
/// the same columns and the same state text. Guarded by the store's lock.
/// </remarks>
internal sealed class EndedInstances
{
    /// <summary>At most this many distinct column strings are shared between slots.</summary>
    private const int MaxPooledStrings = 4096;

    private readonly Dictionary<Guid, long> _byGuid = new();
    private readonly Dictionary<string, long> _byOtherId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Stack<byte[]> _spare = new();
    private readonly EndedStateTemplates _templates = new();
    private Slot[] _slots = new Slot[16];
    private int _head;             // ring index of the oldest slot
    private int _used;             // slots from the head on, deleted ones included
    private long _firstSequence;   // the sequence number of the slot at the head
    private string? _lastKey, _lastName, _lastHash, _lastTenant;

    /// <summary>How many ended instances are kept.</summary>
    public int Count { get; private set; }

    /// <summary>Finds an ended instance by id.</summary>
    public bool TryFind(string id, out long sequence) =>
        AsGuid(id) is { } guid ? _byGuid.TryGetValue(guid, out sequence) : _byOtherId.TryGetValue(id, out sequence);

    public long RevisionOf(long sequence) => At(sequence).Revision;

    public DateTimeOffset? EndedAtOf(long sequence) => At(sequence).EndedAt;

    /// <summary>When the oldest kept instance ended, or null when none is kept.</summary>
    public bool TryPeekOldest(out DateTimeOffset? endedAt)
    {
        DropDeletedAtHead();
        endedAt = _used > 0 ? _slots[_head].EndedAt : null;
        return _used > 0;
    }

    /// <summary>The stored instance (a new record for a compact slot).</summary>
    public StoredInstance Load(long sequence) => Materialize(ref At(sequence));

    /// <summary>
    /// Writes the state of an instance about to be saved as ended (see <see cref="Add"/>), before
    /// the store's lock is taken; nothing when it would not be kept compact or has no live state.
    /// The caller disposes the result after the save.
    /// </summary>
    public PreparedState Prepare(StoredInstance instance)
    {
        if (!instance.Ended || instance.Jobs.Count != 0 || instance.Subscriptions.Count != 0 || instance.Live is not { } live)
        {
            return default;
        }

        var buffer = JsonBuffer.Rent();
        if (!live.TryWriteEnded(buffer, _templates, out var template))
        {
            buffer.Return();
            return default;
        }

        return new PreparedState(buffer, template);
    }

    /// <summary>Keeps an instance that has just ended, as the newest (its state written by <paramref name="prepared"/> when given).</summary>
    public void Add(StoredInstance instance, PreparedState prepared = default)
    {
        if (_used == _slots.Length)
        {
            Compact(grow: _used - Count < _used / 2);
        }

        var sequence = _firstSequence + _used;
        ref var slot = ref _slots[(_head + _used) % _slots.Length];
        _used++;
        Count++;
        Fill(ref slot, instance, recycled: null, prepared);
        if (slot.OtherId is { } other)
        {
            _byOtherId[other] = sequence;
        }
        else
        {
            _byGuid[slot.Key] = sequence;
        }
    }

    /// <summary>A new save of a kept instance that is still ended: it keeps its place in the line.</summary>
    public void Replace(long sequence, StoredInstance instance, PreparedState prepared = default)
    {
        ref var slot = ref At(sequence);
        var recycled = slot.State;
        slot = default;
        Fill(ref slot, instance, recycled, prepared);
    }

    /// <summary>Forgets a kept instance (deleted, or saved as not ended).</summary>
    public bool Remove(string id)
    {
        if (!TryFind(id, out var sequence))
        {
            return false;
        }

        Free(ref At(sequence));
        DropDeletedAtHead();
        if (_used > 64 && _used - Count > _used / 2)
        {
            Compact(grow: false);   // deleted slots in the middle of the line would keep their place (and bytes) until the head reached them
        }

        return true;
    }

    /// <summary>Forgets the oldest kept instance; its id when it may have jobs in the store (a slot kept whole, or any while the store has jobs), else null.</summary>
    public string? RemoveOldest(bool anyJobs)
    {
        DropDeletedAtHead();
        ref var slot = ref _slots[_head];
        var id = slot.Full?.Id ?? (anyJobs ? IdOf(ref slot) : null);
        Free(ref slot);
        DropDeletedAtHead();
        return id;
    }

    /// <summary>The kept instances (new records) that <paramref name="query"/> matches, oldest ended first; the columns are checked before a record is made.</summary>
    public List<StoredInstance> Where(InstanceQuery query)
    {
        var found = new List<StoredInstance>();
        ForEachMatch(query, (_, full, sequence) => found.Add(full ?? Load(sequence)), needId: false);
        return found;
    }

    /// <summary>How many kept instances <paramref name="query"/> matches, without making records.</summary>
    public int CountWhere(InstanceQuery query)
    {
        var count = 0;
        ForEachMatch(query, (_, _, _) => count++, needId: false);
        return count;
    }

    /// <summary>
    /// Each kept instance <paramref name="query"/> matches: its id and its record when kept whole, else
    /// its sequence (for <see cref="Load"/>); no record is made.
    /// </summary>
    public void ForEachMatch(InstanceQuery query, Action<string, StoredInstance?, long> match, bool needId = true)
    {
        for (var i = 0; i < _used; i++)
        {
            ref var slot = ref _slots[(_head + i) % _slots.Length];
            if (slot.Full is { } full)
            {
                if (InMemoryInstanceStore.Matches(query, full))
                {
                    match(full.Id, full, 0);
                }
            }
            else if (slot.InUse && query.Subscribed is null   // a compact slot has no subscriptions
                && InMemoryInstanceStore.Matches(query, slot.ProcessKey!, slot.DeploymentName!, slot.DeploymentVersion, slot.Status, slot.TenantId))
            {
                match(needId ? IdOf(ref slot) : string.Empty, null, _firstSequence + i);
            }
        }
    }

    private ref Slot At(long sequence) => ref _slots[(int)((_head + (sequence - _firstSequence)) % _slots.Length)];

    private void Fill(ref Slot slot, StoredInstance instance, byte[]? recycled, PreparedState prepared)
    {
        slot.InUse = true;
        if (AsGuid(instance.Id) is { } guid)
        {
            slot.Key = guid;
        }
        else
        {
            slot.OtherId = instance.Id;
        }

        slot.Revision = instance.Revision;
        slot.EndedAt = instance.EndedAt;
        var compact = instance.Jobs.Count == 0 && instance.Subscriptions.Count == 0;
        if (!compact)
        {
            Recycle(recycled);
        }

        if (!compact || !TryWriteState(ref slot, instance, recycled, prepared))
        {
            // Kept whole; a live state is written as JSON first, so no kept object holds a flow's types.
            instance.Live?.Detach();
            slot.Full = instance;
            return;
        }

        slot.ProcessKey = Pooled(ref _lastKey, instance.ProcessKey);
        slot.DeploymentName = Pooled(ref _lastName, instance.DeploymentName);
        slot.DefinitionHash = Pooled(ref _lastHash, instance.DefinitionHash);
        slot.TenantId = instance.TenantId is { } tenant ? Pooled(ref _lastTenant, tenant) : null;
        slot.DeploymentVersion = instance.DeploymentVersion;
        slot.Status = instance.Status;
    }

    /// <summary>The state's UTF-8 JSON into the slot's array (the one given back, a spare one, or a new one).</summary>
    private bool TryWriteState(ref Slot slot, StoredInstance instance, byte[]? recycled, PreparedState prepared)
    {
        if (prepared.Buffer is { } written)
        {
            Keep(ref slot, written.Written, prepared.Template, recycled);
            return true;
        }

        var buffer = JsonBuffer.Rent();
        try
        {
            if (instance.Live is { } live && live.TryWriteEnded(buffer, _templates, out var template))
            {
                Keep(ref slot, buffer.Written, template, recycled);
                return true;
            }

            var text = instance.StateJson;
            var state = Array(Encoding.UTF8.GetByteCount(text), recycled);
            if (Utf8.FromUtf16(text, state, out _, out var length, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
            {
                Recycle(state);
                return false;   // a lone surrogate: UTF-8 cannot keep it, so the text is kept as it is
            }

            slot.State = state;
            slot.StateLength = length;
            return true;
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>Keeps a written state (its data alone when it has a template) in the slot's array.</summary>
    private void Keep(ref Slot slot, ReadOnlySpan<byte> written, EndedStateTemplate? template, byte[]? recycled)
    {
        slot.State = Array(written.Length, recycled);
        written.CopyTo(slot.State);
        slot.StateLength = written.Length;
        slot.Template = template;
    }

    private byte[] Array(int length, byte[]? recycled)
    {
        if (recycled is not null && recycled.Length >= length)
        {
            return recycled;
        }

        Recycle(recycled);
        while (_spare.TryPop(out var spare))
        {
            if (spare.Length >= length)
            {
                return spare;
            }
        }

        // Rounded up, so that a state a little longer than the one before still fits a spare array.
        return new byte[(length + 63) & ~63];
    }

    private void Recycle(byte[]? array)
    {
        if (array is not null && _spare.Count < 16)
        {
            _spare.Push(array);
        }
    }

    private void Free(ref Slot slot)
    {
        if (slot.OtherId is { } other)
        {
            _byOtherId.Remove(other);
        }
        else
        {
            _byGuid.Remove(slot.Key);
        }

        Recycle(slot.State);
        slot = default;
        Count--;
    }

    private void DropDeletedAtHead()
    {
        while (_used > 0 && !_slots[_head].InUse)
        {
            _head = (_head + 1) % _slots.Length;
            _firstSequence++;
            _used--;
        }
    }

    /// <summary>Moves the kept slots to the front of a new ring (twice as long when growing), renumbered in order.</summary>
    private void Compact(bool grow)
    {
        var slots = new Slot[grow ? _slots.Length * 2 : _slots.Length];
        var next = 0;
        for (var i = 0; i < _used; i++)
        {
            ref var slot = ref _slots[(_head + i) % _slots.Length];
            if (!slot.InUse)
            {
                continue;
            }

            var sequence = _firstSequence + next;
            if (slot.OtherId is { } other)
            {
                _byOtherId[other] = sequence;
            }
            else
            {
                _byGuid[slot.Key] = sequence;
            }

            slots[next++] = slot;
        }

        _slots = slots;
        _head = 0;
        _used = next;
    }

    private static StoredInstance Materialize(ref Slot slot)
    {
        if (slot.Full is { } full)
        {
            return full;
        }

        var id = IdOf(ref slot);
        var state = slot.Template is { } template
            ? EndedStateTemplates.Text(template, id, slot.State.AsSpan(0, slot.StateLength))
            : Encoding.UTF8.GetString(slot.State!, 0, slot.StateLength);
        return new StoredInstance(id, slot.ProcessKey!, slot.DeploymentName!, slot.DeploymentVersion, slot.DefinitionHash!, slot.Status, state, slot.Revision)
        {
            Ended = true,
            EndedAt = slot.EndedAt,
            TenantId = slot.TenantId,
        };
    }

    private static string IdOf(ref Slot slot) => slot.OtherId ?? slot.Key.ToString("N");

    /// <summary>The id as a Guid when it is one in the engine's form (32 lowercase hex digits), so it can be written back exactly.</summary>
    private static Guid? AsGuid(string id)
    {
        return InstanceIds.IsEngineForm(id) ? Guid.ParseExact(id, "N") : null;
    }

    /// <summary>One string object per distinct column value, so the slots keep no string an ending made.</summary>
    private string Pooled(ref string? last, string value)
    {
        if (ReferenceEquals(value, last))
        {
            return value;
        }

        if (!_strings.TryGetValue(value, out var pooled))
        {
            pooled = value;
            if (_strings.Count < MaxPooledStrings)
            {
                _strings[value] = value;
            }
        }

        last = pooled;
        return pooled;
    }

    private struct Slot
    {
        public bool InUse;
        public Guid Key;
        public string? OtherId;           // the id when it is not a Guid in the engine's form
        public StoredInstance? Full;      // kept whole (see Fill); then the columns below are unset
        public byte[]? State;             // the state's UTF-8, or only its data's when it has a template
        public int StateLength;
        public EndedStateTemplate? Template;   // shared by the slots of states that ended alike
        public string? ProcessKey;
        public string? DeploymentName;
        public string? DefinitionHash;
        public string? TenantId;
        public int DeploymentVersion;
        public InstanceStatus Status;
        public long Revision;
        public DateTimeOffset? EndedAt;
    }
}

/// <summary>An ended state written before the store's lock was taken (see <see cref="EndedInstances.Prepare"/>); dispose after the save.</summary>
internal readonly struct PreparedState(JsonBuffer? buffer, EndedStateTemplate? template) : IDisposable
{
    public JsonBuffer? Buffer { get; } = buffer;

    public EndedStateTemplate? Template { get; } = template;

    public void Dispose() => Buffer?.Return();
}
