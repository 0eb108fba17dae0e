namespace Flow.Instances;

/// <summary>
/// An instance as a store keeps it: the state JSON plus what queries need. <see cref="Revision"/>
/// goes up with every save; a save names the revision it read, so two nodes completing the same
/// task at once cannot both succeed.
/// </summary>
public sealed record StoredInstance(
    string Id,
    string ProcessKey,
    string DeploymentName,
    int DeploymentVersion,
    string DefinitionHash,
    InstanceStatus Status,
    string StateJson,
    long Revision);
