using System;
using System.Collections.Generic;
using System.Threading;
using Flow.Deployment;

namespace Flow.Cockpit.Live;

/// <summary>
/// The registry's tenants, kept between deployment events: <see cref="DeploymentRegistry.Tenants"/>
/// walks every registered version under the registry's lock, too much for every start request.
/// Any deployment event (the registry raises it after changing its versions) makes the next read
/// walk again; a walk that raced with an event is not kept.
/// </summary>
public sealed class CockpitTenants
{
    private readonly DeploymentRegistry _registry;
    private long _generation;
    private Snapshot? _snapshot;

    /// <summary>Follows <paramref name="registry"/>'s events.</summary>
    public CockpitTenants(DeploymentRegistry registry)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        registry.Changed += _ => Interlocked.Increment(ref _generation);
    }

    /// <summary>The tenants with a registered deployment, ordinal (as <see cref="DeploymentRegistry.Tenants"/>).</summary>
    public IReadOnlyList<string> Current
    {
        get
        {
            var generation = Interlocked.Read(ref _generation);
            var snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is not null && snapshot.Generation == generation)
            {
                return snapshot.Tenants;
            }

            var tenants = _registry.Tenants;
            Volatile.Write(ref _snapshot, new Snapshot(generation, tenants));
            return tenants;
        }
    }

    private sealed record Snapshot(long Generation, IReadOnlyList<string> Tenants);
}
