using System;
using System.Collections.Generic;
using System.Reflection;

namespace Flow.Deployment;

/// <summary>
/// One loaded version of a deployment: its manifest, load context and process types. It counts
/// the calls and instances that use it, so it is unloaded only when nothing does.
/// </summary>
public sealed partial class DeployedVersion
{
    private readonly Dictionary<string, Type> _types;
    private FlowLoadContext? _context;
    private readonly UseCount _users = new();

    internal DeployedVersion(DeploymentContent content, string folder, FlowLoadContext context, Assembly assembly, Dictionary<string, Type> types, long activation)
    {
        Content = content;
        Folder = folder;
        _context = context;
        Assembly = new WeakReference(assembly);
        _types = types;
        Activation = activation;
        Scope = TenantScope.Of(content.Manifest);
    }

    /// <summary>The manifest it was deployed from.</summary>
    public DeploymentManifest Manifest => Content.Manifest;

    /// <summary>The bytes captured at deploy time: reloads and rollbacks load these, never the folder.</summary>
    internal DeploymentContent Content { get; }

    /// <summary>The deployment name.</summary>
    public string Name => Manifest.Name;

    /// <summary>The deployment version.</summary>
    public int Version => Manifest.Version;

    /// <summary>The tenant the deployment belongs to (its manifest's <c>tenant</c>); null: shared by all tenants.</summary>
    public string? TenantId => Manifest.Tenant;

    /// <summary>The registry's identity of the deployment: its name, scoped by its tenant (see <see cref="TenantScope"/>).</summary>
    internal string Scope { get; }

    /// <summary>
    /// The folder it was deployed from, or <c>store://name/version</c> for a version deployed from a
    /// deployment store (for messages: the version runs from the bytes it captured).
    /// </summary>
    public string Folder { get; }

    /// <summary>The order in which versions became latest (a rollback activates again, with a new number).</summary>
    public long Activation { get; internal set; }

    /// <summary>The flow assembly, weakly: tests prove unloading with it.</summary>
    public WeakReference Assembly { get; }

    /// <summary>Whether it was claimed for unloading: it can never be acquired or made latest again.</summary>
    internal bool IsClaimed => _users.IsClaimed;

    /// <summary>Whether its load context was unloaded.</summary>
    public bool IsUnloaded => _context is null;

    /// <summary>The process keys it defines.</summary>
    public IEnumerable<string> Keys => _types.Keys;

    /// <summary>Calls and running instances that use this version.</summary>
    public int Users => _users.Users;

    /// <summary>
    /// A copy of the bytes of one file the manifest lists (a diagram deployed as content, a
    /// dependency), as deployed and verified; null when the manifest does not list it. An
    /// incremental deployment starts from these.
    /// </summary>
    public byte[]? ReadResource(string path) =>
        Manifest.Files.Exists(f => string.Equals(f.Path, path, StringComparison.Ordinal)) ? (byte[])Content.FileBytes(path).Clone() : null;

    internal Type? ProcessType(string key) => _types.TryGetValue(key, out var type) ? type : null;

    /// <summary>Marks one more user; false when the version was claimed for unloading (resolve again).</summary>
    internal bool TryAcquire() => _users.TryAcquire();

    internal void Release() => _users.Release();

    /// <summary>Claims the version for unloading if nobody uses it (users can no longer acquire it).</summary>
    internal bool TryClaimForUnload() => _users.TryClaim();

    /// <summary>
    /// Whether unloading clears System.Text.Json's shared caches. The engine puts no flow type
    /// there (data JSON is generated), but handler code may serialise its own types; a test turns
    /// this off to prove the engine's part.
    /// </summary>
    internal bool ClearsJsonCaches { get; set; } = true;

    /// <summary>Starts unloading; the memory returns once nothing references its types any more.</summary>
    internal WeakReference? Unload()
    {
        var context = _context;
        if (context is null)
        {
            return null;
        }

        _context = null;
        _types.Clear();
        var weak = new WeakReference(context);
        context.Unload();
        if (ClearsJsonCaches)
        {
            JsonCaches.Clear();
        }
        return weak;
    }

    /// <inheritdoc/>
    public override string ToString() => TenantId is null ? $"{Name} v{Version}" : $"{Name} v{Version} (tenant '{TenantId}')";
}
