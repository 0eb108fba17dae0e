using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Hosting;

namespace Flow.Engine;

/// <summary>
/// Conditional start events (Camunda 7's <c>createConditionEvaluation().setVariables(…).evaluateStartConditions()</c>):
/// the host asks, with some data, and every conditional start event of the latest deployed
/// versions whose condition holds starts an instance with that data.
/// </summary>
public sealed partial class FlowEngine
{
    /// <summary>
    /// Evaluates the condition of every conditional start event of the latest version of each
    /// deployed process (or of <paramref name="processKey"/> only) over <paramref name="dataJson"/>
    /// (a JSON object of the process data, read like <see cref="StartAsync(string, string, int?, string?, CancellationToken)"/>'s), and starts one
    /// instance per start event whose condition holds, with that data, running from that start
    /// event's outgoing flow; each start is its own transaction. Every condition is evaluated
    /// before anything starts, so a condition that throws (FLOW6191) starts nothing. Returns the
    /// instances started (none when no condition holds). A <paramref name="processKey"/> that is
    /// not deployed is FLOW6007, one without a conditional start event FLOW6190.
    /// </summary>
    /// <remarks>With <paramref name="tenantId"/>: the processes that tenant sees (its own, else the shared ones); without: those deployed without tenant.</remarks>
    public async Task<IReadOnlyList<InstanceSnapshot>> EvaluateStartConditionsAsync(string dataJson = "{}", string? processKey = null, string? tenantId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataJson);
        var keys = processKey is null ? _registry.LatestFor(tenantId).Keys.OrderBy(k => k, StringComparer.Ordinal).ToList() : new List<string> { processKey };
        var holding = new List<(string Key, DeployedVersion Version, string StartId)>();
        var acquired = new List<DeployedVersion>();
        try
        {
            foreach (var key in keys)
            {
                var version = _registry.AcquireLatestFor(key, tenantId);
                if (version is null)
                {
                    if (processKey is null)
                    {
                        continue;   // undeployed since the keys were read
                    }

                    throw FlowDeploymentException.UnknownVersion($"No deployment defines process '{key}'.");
                }

                acquired.Add(version);
                var process = Create(version, key);
                var starts = process.StartConditionsHolding(ReadStartData(new TextStartData(dataJson), process, key, version));
                if (starts.Count == 0 && processKey is not null && !process.Definition.Nodes.Any(n => n.Kind == NodeKind.StartEvent && n.ScopeId == key && n.EventKind == EventKind.Conditional))
                {
                    throw new FlowStartConditionException(InstanceErrors.NoConditionalStart, key, null,
                        $"Process '{key}' ({version}) has no conditional start event, so there is no start condition to evaluate.");
                }

                holding.AddRange(starts.Select(s => (key, version, s)));
            }

            var started = new List<InstanceSnapshot>(holding.Count);
            foreach (var (key, version, startId) in holding)
            {
                using var activity = FlowTelemetry.Source.StartActivity("flow.start");
                activity?.SetTag("flow.process", key);
                var process = Create(version, key);
                var instance = await process.StartAtAsync(process.DataFromJson(dataJson), startId, null, cancellationToken).ConfigureAwait(false);
                FlowTelemetry.InstancesStarted.Add(1);
                StoredEventKeys.CheckSubscriptions(instance);
                var saved = Save(instance);
                if (!await _store.TrySaveAsync(Store(instance, saved, key, version, revision: 0), 0, cancellationToken).ConfigureAwait(false))
                {
                    throw new FlowConcurrencyException(instance.Id);
                }

                Hold(instance, version);
                // saved: the caller gets the result, so the token is no longer observed (see docs/runtime.md, cancellation)
                await BroadcastThrownSignalsAsync(instance, CancellationToken.None).ConfigureAwait(false);
                started.Add(Snapshot(instance, saved, key, version));
            }

            return started;
        }
        finally
        {
            foreach (var version in acquired)
            {
                _registry.Release(version);
            }
        }
    }
}
