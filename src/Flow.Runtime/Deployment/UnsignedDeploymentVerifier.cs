using System.Collections.Generic;

namespace Flow.Deployment;

/// <summary>
/// Vouches for a deployment whose manifest is not signed while signatures are required
/// (<see cref="DeploymentRegistry.UnsignedDeploymentVerifier"/>): <paramref name="files"/> are the
/// listed files' bytes (copies), already checked against the manifest's hashes. Returns true to
/// accept, false to leave the refusal to FLOW6030; throws a <see cref="FlowDeploymentException"/>
/// to refuse with its own reason.
/// </summary>
public delegate bool UnsignedDeploymentVerifier(DeploymentManifest manifest, IReadOnlyDictionary<string, byte[]> files);
