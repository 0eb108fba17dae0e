using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Deployment;

namespace Flow.Engine;

/// <summary>Tenants on the engine's side (see <see cref="DeploymentRegistry"/>'s tenant rules).</summary>
public sealed partial class FlowEngine
{
    /// <summary>The key part of a timer start job's id: the process key, with its tenant after '@' (tenant ids and keys have no '@').</summary>
    private static string StartTimerKey(string key, string? tenantId) => tenantId is null ? key : key + "@" + tenantId;

    /// <summary>
    /// The (key, tenant) entries whose start event catches a message or signal. For a tenant: every
    /// key it sees (own, else shared). Without: every entry of every tenant; a message start event
    /// found under more than one tenant (or under a tenant and shared) is ambiguous (FLOW6340).
    /// </summary>
    private List<(string Key, string? TenantId)> StartEventCandidates(EventKind kind, string name, string? tenantId)
    {
        var entries = tenantId is null
            ? _registry.LatestEntries()
            : _registry.LatestFor(tenantId).Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => (k, (string?)tenantId)).ToList();
        var matching = new List<(string Key, string? TenantId)>();
        foreach (var (key, entryTenant) in entries)
        {
            var version = _registry.AcquireLatestFor(key, entryTenant);
            if (version is null)
            {
                continue;
            }

            try
            {
                var definition = Create(version, key).Definition;
                if (definition.Nodes.Any(n => n.Kind == NodeKind.StartEvent && n.ScopeId == key && n.EventKind == kind && n.EventName == name))
                {
                    matching.Add((key, entryTenant));
                }
            }
            finally
            {
                _registry.Release(version);
            }
        }

        if (tenantId is null && kind == EventKind.Message && matching.Select(m => m.TenantId).Distinct().Count() > 1)
        {
            var tenants = string.Join(", ", matching.Select(m => TenantScope.Describe(m.TenantId)).Distinct().OrderBy(t => t, StringComparer.Ordinal));
            throw FlowDeploymentException.TenantAmbiguous(string.Join(", ", matching.Select(m => m.Key).Distinct()), tenants);
        }

        return matching;
    }
}
