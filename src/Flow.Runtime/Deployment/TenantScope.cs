using System;

namespace Flow.Deployment;

/// <summary>
/// How a tenant scopes deployments and process keys inside the registry. A deployment is
/// identified by (tenant, name, version): the same name under two tenants is two deployments with
/// their own version numbers, and a process key is latest per (tenant, key). A deployment store
/// keeps a tenant's deployment under the name <c>tenant:{tenant}/{name}</c> (a name without
/// tenant is stored as it is), so the store's (name, version) key stays unique.
/// </summary>
internal static class TenantScope
{
    /// <summary>The prefix of a tenant's deployment names in a deployment store (reserved: a deployment without tenant may not use it).</summary>
    public const string Prefix = "tenant:";

    /// <summary>Separates a key from its tenant in the latest map (process keys are XML NCNames and never contain it).</summary>
    private const char KeySeparator = '\u001F';

    /// <summary>The registry's (and a store's) name of a deployment of <paramref name="tenantId"/>.</summary>
    public static string Of(string? tenantId, string name) => tenantId is null ? name : Prefix + tenantId + "/" + name;

    /// <summary>The scope of a manifest's deployment.</summary>
    public static string Of(DeploymentManifest manifest) => Of(manifest.Tenant, manifest.Name);

    /// <summary>The tenant and deployment name of a scope (inverse of <see cref="Of(string?, string)"/>).</summary>
    public static (string? TenantId, string Name) Split(string scope)
    {
        if (scope.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var slash = scope.IndexOf('/', Prefix.Length);
            if (slash > Prefix.Length)
            {
                return (scope.Substring(Prefix.Length, slash - Prefix.Length), scope.Substring(slash + 1));
            }
        }

        return (null, scope);
    }

    /// <summary>The entry of <paramref name="key"/> for <paramref name="tenantId"/> in the latest map (the key itself without tenant).</summary>
    public static string LatestKey(string? tenantId, string key) => tenantId is null ? key : key + KeySeparator + tenantId;

    /// <summary>The process key and tenant of an entry of the latest map.</summary>
    public static (string Key, string? TenantId) SplitLatestKey(string entry)
    {
        var separator = entry.IndexOf(KeySeparator);
        return separator < 0 ? (entry, null) : (entry.Substring(0, separator), entry.Substring(separator + 1));
    }

    /// <summary>
    /// FLOW6341 unless the manifest's tenant is a valid tenant id (letters, digits, '-', '_', '.',
    /// at most 64 characters, as Camunda's default tenant id pattern plus separators) and a
    /// deployment without tenant does not use the reserved name prefix.
    /// </summary>
    public static void Check(DeploymentManifest manifest, string label)
    {
        if (manifest.Tenant is { } tenant && !IsValidTenantId(tenant))
        {
            throw FlowDeploymentException.TenantInvalid(label, $"its tenant '{tenant}' is not a tenant id (1 to 64 letters, digits, '-', '_' or '.')");
        }

        if (manifest.Tenant is null && manifest.Name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw FlowDeploymentException.TenantInvalid(label, $"its name '{manifest.Name}' starts with '{Prefix}', which names tenants' deployments in a deployment store");
        }
    }

    /// <summary>Whether <paramref name="tenantId"/> is a valid tenant id.</summary>
    public static bool IsValidTenantId(string? tenantId)
    {
        if (string.IsNullOrEmpty(tenantId) || tenantId.Length > 64)
        {
            return false;
        }

        foreach (var c in tenantId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A tenant for messages: the id, or "no tenant".</summary>
    public static string Describe(string? tenantId) => tenantId is null ? "no tenant (shared)" : $"tenant '{tenantId}'";
}
