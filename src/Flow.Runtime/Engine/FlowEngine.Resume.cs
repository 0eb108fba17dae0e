using System.Linq;

namespace Flow.Engine;

/// <summary>resumePreviousVersions on the engine's side: instances of a version this host no longer resumes stop holding it.</summary>
public sealed partial class FlowEngine
{
    /// <summary>
    /// Releases the versions held for running instances that an activation left not resumed, so
    /// such a version unloads when nothing else uses it; its instances stay stored as they are.
    /// </summary>
    private void ReleaseNotResumed()
    {
        foreach (var (instanceId, version) in _holding.ToList())
        {
            if (!_registry.IsResumed(version.Name, version.Version, version.TenantId))
            {
                Unhold(instanceId);
            }
        }
    }
}
