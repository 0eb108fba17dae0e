namespace Flow.Instances;

/// <summary>Live states (see <see cref="LiveState"/>): the engine saves copies of instance objects here rather than their JSON.</summary>
public sealed partial class InMemoryInstanceStore
{
    /// <summary>Writes the JSON of every live state of a version and lets go of its objects (the version unloads).</summary>
    internal void DetachLive(string deploymentName, int deploymentVersion)
    {
        lock (_gate)
        {
            // Ended instances are kept without live states (see EndedInstances).
            foreach (var instance in _instances.Values)
            {
                if (instance.Live is { } live && instance.DeploymentVersion == deploymentVersion && instance.DeploymentName == deploymentName)
                {
                    live.Detach();
                }
            }
        }
    }
}
