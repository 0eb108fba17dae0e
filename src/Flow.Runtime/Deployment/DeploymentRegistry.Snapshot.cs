using System;
using System.Threading;

namespace Flow.Deployment;

/// <summary>
/// The registered versions as an array republished on every change of the list, so that
/// <see cref="Acquire"/> (every command on a stored instance) finds its version without taking
/// the lock that every core would otherwise write.
/// </summary>
/// <remarks>
/// Reading a stale array is harmless: an entry is replaced or forgotten only once it was claimed
/// for unloading, and a claimed version can never be acquired again, so a version that the
/// lock-free attempt acquires is still the registered, loaded one; any failure falls back to the
/// locked path, which loads an unloaded version again.
/// </remarks>
public sealed partial class DeploymentRegistry
{
    private DeployedVersion[] _versionsSnapshot = Array.Empty<DeployedVersion>();

    /// <summary>Republishes the array after a change of the list (caller holds the lock).</summary>
    private void VersionsChangedLocked() => Volatile.Write(ref _versionsSnapshot, _versions.ToArray());

    /// <summary>The registered, loaded entry of a version, acquired without the lock; null: take the locked path.</summary>
    private DeployedVersion? TryAcquireUnlocked(string scope, int version)
    {
        var versions = Volatile.Read(ref _versionsSnapshot);
        for (var i = versions.Length - 1; i >= 0; i--)
        {
            var candidate = versions[i];
            if (candidate.Version == version && candidate.Scope == scope)
            {
                if (!candidate.TryAcquire())
                {
                    return null;
                }

                if (candidate.IsUnloaded)
                {
                    candidate.Release();   // not expected (a registered version unloads only once claimed); the locked path decides
                    return null;
                }

                return candidate;
            }
        }

        return null;
    }
}
