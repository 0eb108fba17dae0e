using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Flow.Instances;

namespace Flow.Engine;

/// <summary>Read-only views over stored instances for operators (counts per node, summaries).</summary>
public sealed partial class FlowEngine
{
    /// <summary>
    /// Per deployment version and node of <paramref name="processKey"/>: the instances waiting
    /// there (a task, event or call that has not ended) and the failed instances whose failure is
    /// there. Aggregated here, so a caller gets a handful of rows however many instances exist.
    /// Only nodes with a non-zero count are listed, ordered by version and node.
    /// </summary>
    public async Task<IReadOnlyList<NodeTokenCount>> CountTokensAsync(string processKey, int? deploymentVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(processKey);
        var counts = new Dictionary<(string Name, int Version, string Node), (int Waiting, int Failed)>();
        var waitingNodes = new List<string>();
        if (_store is ITokenStateSource source)
        {
            // only the columns the counts read, ended instances skipped by the store
            foreach (var state in await source.QueryTokenStatesAsync(processKey, deploymentVersion, cancellationToken).ConfigureAwait(false))
            {
                Count(counts, waitingNodes, state.DeploymentName, state.DeploymentVersion, state.Status, state.Ended, state.StateJson);
            }
        }
        else
        {
            var stored = await _store.QueryAsync(new InstanceQuery(processKey, DeploymentVersion: deploymentVersion), cancellationToken).ConfigureAwait(false);
            foreach (var instance in stored)
            {
                Count(counts, waitingNodes, instance.DeploymentName, instance.DeploymentVersion, instance.Status, instance.Ended, instance.StateJson);
            }
        }

        var rows = new List<NodeTokenCount>(counts.Count);
        foreach (var ((name, version, node), (waiting, failed)) in counts)
        {
            rows.Add(new NodeTokenCount(name, version, node, waiting, failed));
        }

        rows.Sort(static (a, b) =>
        {
            var byVersion = a.DeploymentVersion.CompareTo(b.DeploymentVersion);
            return byVersion != 0 ? byVersion : string.CompareOrdinal(a.NodeId, b.NodeId);
        });
        return rows;
    }

    /// <summary>Adds one instance: a token at each node it waits at, or its failure's node when it failed; nothing when it ended otherwise.</summary>
    private static void Count(
        Dictionary<(string Name, int Version, string Node), (int Waiting, int Failed)> counts,
        List<string> waitingNodes,
        string deploymentName,
        int deploymentVersion,
        InstanceStatus status,
        bool ended,
        string stateJson)
    {
        var failed = status == InstanceStatus.Failed;
        if (ended && !failed)
        {
            return;
        }

        waitingNodes.Clear();
        var failedAt = WaitingNodes.Read(stateJson, ended || failed, waitingNodes);
        if (failed)
        {
            if (failedAt is not null)
            {
                var key = (deploymentName, deploymentVersion, failedAt);
                counts.TryGetValue(key, out var count);
                counts[key] = (count.Waiting, count.Failed + 1);
            }

            return;
        }

        foreach (var node in waitingNodes)
        {
            var key = (deploymentName, deploymentVersion, node);
            counts.TryGetValue(key, out var count);
            counts[key] = (count.Waiting + 1, count.Failed);
        }
    }

    /// <summary>A stored instance as a snapshot (trace, waiting nodes, failure, data), without loading its process.</summary>
    public static InstanceSnapshot Summarize(StoredInstance stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var state = StateSummary.Of(stored.StateJson, stored.Ended);
        return new InstanceSnapshot(
            stored.Id, stored.ProcessKey, stored.DeploymentName, stored.DeploymentVersion, stored.Status,
            state.Trace, state.WaitingAt, state.Failure, state.DataJson);
    }
}
