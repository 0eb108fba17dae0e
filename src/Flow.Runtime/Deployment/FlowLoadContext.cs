using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;

namespace Flow.Deployment;

/// <summary>
/// One collectible load context per deployment version. Shared assemblies (what the host
/// declares, and without configuration <see cref="HostContracts"/>: Flow.Runtime, its dependency
/// closure, Microsoft.Extensions.*.Abstractions) resolve from the default context so types unify
/// across versions and with the host's services, even when the folder carries a copy. A flow's
/// own assemblies, the flow assembly and its private dependencies alike, load only from the bytes
/// the version captured and verified at deploy time (checked against the manifest hash once more
/// as they load), never from disk, so an old instance whose dependency loads late still gets its
/// own version's bytes.
/// </summary>
internal sealed class FlowLoadContext : AssemblyLoadContext
{
    private readonly string _deployment;
    private readonly Dictionary<string, (string Path, byte[] Bytes, string Sha256)> _private;
    private readonly ISet<string> _shared;

    public FlowLoadContext(string deployment, int version, Dictionary<string, (string Path, byte[] Bytes, string Sha256)> privateAssemblies, ISet<string> shared)
        : base($"flow:{deployment}:v{version}", isCollectible: true)
    {
        _deployment = deployment;
        _private = privateAssemblies;
        _shared = shared;
    }

    /// <summary>Loads a listed assembly from its verified bytes.</summary>
    public Assembly LoadVerified(string simpleName)
    {
        if (!_private.TryGetValue(simpleName, out var file))
        {
            throw FlowDeploymentException.LoadFailed(_deployment, $"the assembly '{simpleName}' is not in the deployment");
        }

        if (!string.Equals(Convert.ToHexString(SHA256.HashData(file.Bytes)), file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw FlowDeploymentException.FileMismatch(_deployment, file.Path, "changed after it was verified");
        }

        using var stream = new MemoryStream(file.Bytes, writable: false);
        return LoadFromStream(stream);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name ?? "";
        if (_shared.Contains(name) || HostContracts.IsShared(name) || !_private.ContainsKey(name))
        {
            return null;   // the default context: shared, host-provided and framework assemblies
        }

        return LoadVerified(name);
    }
}
