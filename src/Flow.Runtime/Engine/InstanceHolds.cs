using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Flow.Deployment;

namespace Flow.Engine;

/// <summary>
/// Which version each running instance holds loaded (<see cref="FlowEngine"/> adds one when an
/// instance is saved waiting, removes it when the instance ends). Every start and every final
/// complete writes here, so the table is split into shards by instance id, each with its own
/// lock and dictionary on cache lines of their own: two threads working on different instances
/// almost never write the same line, where one shared map (its lock, count and buckets) was
/// written by every core on every command.
/// </summary>
internal sealed class InstanceHolds
{
    private static readonly int ShardCount = (int)Math.Min(256, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, Environment.ProcessorCount * 8)));

    private readonly Shard[] _shards = new Shard[ShardCount];

    // Kept alive between the shards, so the shards' dictionaries (whose count fields every add and
    // remove writes) stay on lines of their own also after the garbage collector compacts them.
    private readonly byte[][] _padding = new byte[ShardCount][];

    public InstanceHolds()
    {
        for (var i = 0; i < ShardCount; i++)
        {
            _shards[i] = new Shard();
            _padding[i] = new byte[128];
        }
    }

    /// <summary>Records that <paramref name="instanceId"/> holds <paramref name="version"/>; the version it held before, if any (the caller releases it).</summary>
    public DeployedVersion? Add(string instanceId, DeployedVersion version)
    {
        var shard = ShardOf(instanceId);
        lock (shard.Gate)
        {
            ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(shard.Held, instanceId, out _);
            var before = held;
            held = version;
            return before;
        }
    }

    /// <summary>Forgets the instance's hold; the version it held (the caller releases it), or null.</summary>
    public DeployedVersion? Remove(string instanceId)
    {
        var shard = ShardOf(instanceId);
        lock (shard.Gate)
        {
            return shard.Held.Remove(instanceId, out var version) ? version : null;
        }
    }

    /// <summary>Every hold at this moment.</summary>
    public List<KeyValuePair<string, DeployedVersion>> ToList()
    {
        var all = new List<KeyValuePair<string, DeployedVersion>>();
        foreach (var shard in _shards)
        {
            lock (shard.Gate)
            {
                all.AddRange(shard.Held);
            }
        }

        return all;
    }

    /// <summary>
    /// The shard of an id: a hash of its last characters (instance ids are random GUIDs, so their
    /// tail spreads well; any other id only risks sharing a shard, never correctness).
    /// </summary>
    private Shard ShardOf(string instanceId)
    {
        var hash = (uint)instanceId.Length;
        for (var i = Math.Max(0, instanceId.Length - 8); i < instanceId.Length; i++)
        {
            hash = (hash * 31) + instanceId[i];
        }

        hash ^= hash >> 7;
        return _shards[hash & (ShardCount - 1)];
    }

    private sealed class Shard
    {
        public readonly Dictionary<string, DeployedVersion> Held = new(StringComparer.Ordinal);

        // A System.Threading.Lock where there is one: a Monitor that two threads have met goes
        // through the runtime's sync block on every enter and exit (as the in-memory store's did).
#if NET9_0_OR_GREATER
        public readonly System.Threading.Lock Gate = new();
#else
        public readonly object Gate = new();
#endif
    }
}
