using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Deployment;
using Microsoft.Extensions.Options;

namespace Flow.Cockpit.Live;

/// <summary>
/// The deployment timeline: every <see cref="DeploymentRegistry.Changed"/> event since the
/// cockpit was created (the newest <see cref="CockpitOptions.EventHistory"/>), starting with the
/// activations of the versions already registered then. In memory, per node.
/// </summary>
public sealed class CockpitJournal
{
    private readonly object _gate = new();
    private readonly LinkedList<CockpitEvent> _events = new();
    private readonly HashSet<(string Name, int Version)> _activated = new();
    private readonly int _capacity;
    private readonly TimeProvider _clock;
    private readonly CockpitSignals _signals;
    private long _sequence;

    /// <summary>Subscribes to the registry's events.</summary>
    public CockpitJournal(DeploymentRegistry registry, CockpitSignals signals, IOptions<CockpitOptions> options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        _capacity = Math.Max(1, options.Value.EventHistory);
        _clock = clock ?? TimeProvider.System;
        _signals = signals;
        registry.Changed += Record;
        foreach (var version in registry.Versions.Where(v => !v.IsUnloaded).OrderBy(v => v.Activation))
        {
            Record(new DeploymentEvent(DeploymentEventKind.Activated, version.Name, version.Version, version.Folder));
        }
    }

    /// <summary>The sequence number of the newest event (0: none yet).</summary>
    public long Sequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    /// <summary>The kept events after <paramref name="after"/>, oldest first, optionally of one deployment name.</summary>
    public IReadOnlyList<CockpitEvent> Since(long after = 0, string? name = null)
    {
        lock (_gate)
        {
            return _events.Where(e => e.Sequence > after && (name is null || e.Name == name)).ToList();
        }
    }

    private void Record(DeploymentEvent change)
    {
        lock (_gate)
        {
            var kind = change.Kind switch
            {
                DeploymentEventKind.Activated => _activated.Add((change.Name, change.Version)) ? "activated" : "rollback",
                DeploymentEventKind.Unchanged => "unchanged",
                DeploymentEventKind.Failed => "failed",
                DeploymentEventKind.Unloaded => "unloaded",
                DeploymentEventKind.Undeployed => "undeployed",
                _ => change.Kind.ToString().ToLowerInvariant(),
            };
            var flowId = change.Error switch
            {
                FlowDeploymentException deployment => deployment.Id,
                null => null,
                _ => "FLOW6013",
            };
            _events.AddLast(new CockpitEvent(++_sequence, _clock.GetUtcNow(), kind, change.Name, change.Version, flowId, change.Error?.Message));
            while (_events.Count > _capacity)
            {
                _events.RemoveFirst();
            }
        }

        _signals.Pulse();
    }
}
