using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Deployment;

/// <summary>
/// Tenants, with Camunda's meaning: a deployment with a tenant (its manifest's <c>tenant</c>)
/// defines its process keys for that tenant only; a deployment without tenant is shared by every
/// tenant unless the tenant has its own deployment of the key; deployment versions (and so
/// process versions) count per (tenant, name). Resolution of a key:
/// <list type="bullet">
/// <item>with a tenant: the tenant's own latest version of the key, else the shared one;</item>
/// <item>without a tenant (<see cref="AcquireLatest"/>): the only latest version of the key,
/// whichever tenant it has; several (shared and tenants', or several tenants') is FLOW6340 naming them.</item>
/// </list>
/// </summary>
public sealed partial class DeploymentRegistry
{
    private SharedLatestView? _sharedView;

    /// <summary>
    /// The latest version of each process key as <paramref name="tenantId"/> sees it: its own
    /// deployments' keys, and the keys deployed without tenant that it has no own deployment of.
    /// Null: the keys deployed without tenant (<see cref="Latest"/>).
    /// </summary>
    public IReadOnlyDictionary<string, DeployedVersion> LatestFor(string? tenantId)
    {
        if (tenantId is null)
        {
            return SharedLatest();
        }

        var view = new Dictionary<string, DeployedVersion>(SharedLatest(), StringComparer.Ordinal);
        foreach (var (entry, version) in Volatile.Read(ref _latest))
        {
            var (key, tenant) = TenantScope.SplitLatestKey(entry);
            if (tenant == tenantId)
            {
                view[key] = version;
            }
        }

        return view;
    }

    /// <summary>The tenants with a registered deployment, ordinal.</summary>
    public IReadOnlyList<string> Tenants
    {
        get
        {
            lock (_versions)
            {
                return _versions.Select(v => v.TenantId).OfType<string>().Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>As <see cref="RollbackAsync(string, int, CancellationToken)"/>, for the deployment <paramref name="name"/> of <paramref name="tenantId"/> (null: without tenant).</summary>
    public Task<DeployedVersion> RollbackAsync(string name, int version, string? tenantId, CancellationToken cancellationToken = default) =>
        GatedAsync(ct => RollbackLockedAsync(TenantScope.Of(tenantId, name), version, fromLog: false, ct), cancellationToken);

    /// <summary>As <see cref="UndeployAsync(string, CancellationToken)"/>, for the deployment <paramref name="name"/> of <paramref name="tenantId"/> (null: without tenant).</summary>
    public Task UndeployAsync(string name, string? tenantId, CancellationToken cancellationToken = default) =>
        GatedAsync(ct => UndeployLockedAsync(TenantScope.Of(tenantId, name), fromLog: false, ct), cancellationToken);

    /// <summary>
    /// The latest version of <paramref name="key"/> for an instance or call of
    /// <paramref name="tenantId"/>, marked as used: the tenant's own, else the shared one. Without
    /// tenant only the shared one (Camunda resolves a call of a definition without tenant among
    /// definitions without tenant). Never ambiguous.
    /// </summary>
    internal DeployedVersion? AcquireLatestFor(string key, string? tenantId)
    {
        if (tenantId is null)
        {
            return AcquireLatestEntry(key);
        }

        var own = TenantScope.LatestKey(tenantId, key);
        return AcquireLatestEntry(Volatile.Read(ref _latest).ContainsKey(own) ? own : key);
    }

    /// <summary>Every entry of the latest map, as (key, tenant), ordinal by key then tenant (no tenant first).</summary>
    internal IReadOnlyList<(string Key, string? TenantId)> LatestEntries() =>
        Volatile.Read(ref _latest).Keys.Select(TenantScope.SplitLatestKey)
            .OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.TenantId ?? "", StringComparer.Ordinal).ToList();

    /// <summary>
    /// Which entry of the latest map serves <paramref name="key"/> for <paramref name="tenantId"/>
    /// (null when none); without tenant, FLOW6340 when the key is latest under several tenants.
    /// </summary>
    private string? ResolveLatestEntry(string key, string? tenantId)
    {
        var latest = Volatile.Read(ref _latest);
        if (tenantId is not null)
        {
            var own = TenantScope.LatestKey(tenantId, key);
            return latest.ContainsKey(own) ? own : latest.ContainsKey(key) ? key : null;
        }

        if (!View(latest).HasTenants)
        {
            return latest.ContainsKey(key) ? key : null;   // the usual case, and the hot path: no tenant deployed, no scan
        }

        return OnlyTenantEntry(latest, key);
    }

    /// <summary>The one entry of the key among the tenants (a method of its own: the lambda over the key would make a closure on every start).</summary>
    private static string? OnlyTenantEntry(ImmutableDictionary<string, DeployedVersion> latest, string key)
    {
        var candidates = latest.Keys.Where(e => TenantScope.SplitLatestKey(e).Key == key).ToList();
        if (candidates.Count > 1)
        {
            var tenants = candidates.Select(e => TenantScope.Describe(TenantScope.SplitLatestKey(e).TenantId)).OrderBy(t => t, StringComparer.Ordinal);
            throw FlowDeploymentException.TenantAmbiguous(key, string.Join(", ", tenants));
        }

        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>The entries of the latest map without tenant; computed once per swap of the map.</summary>
    private IReadOnlyDictionary<string, DeployedVersion> SharedLatest() => View(Volatile.Read(ref _latest)).Shared;

    private SharedLatestView View(ImmutableDictionary<string, DeployedVersion> latest)
    {
        var view = Volatile.Read(ref _sharedView);
        if (view is not null && ReferenceEquals(view.Source, latest))
        {
            return view;
        }

        var hasTenants = !latest.Keys.All(e => TenantScope.SplitLatestKey(e).TenantId is null);
        var shared = hasTenants
            ? latest.Where(p => TenantScope.SplitLatestKey(p.Key).TenantId is null).ToImmutableDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : (IReadOnlyDictionary<string, DeployedVersion>)latest;
        view = new SharedLatestView(latest, shared, hasTenants);
        Volatile.Write(ref _sharedView, view);
        return view;
    }

    /// <summary>The latest map without its tenants' entries, computed once per swap of the map.</summary>
    private sealed record SharedLatestView(ImmutableDictionary<string, DeployedVersion> Source, IReadOnlyDictionary<string, DeployedVersion> Shared, bool HasTenants);
}
