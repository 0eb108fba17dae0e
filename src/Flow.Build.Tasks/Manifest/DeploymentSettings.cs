namespace Flow.Build.Tasks.Manifest;

/// <summary>
/// How the runtime treats this deployment, after Camunda's processes.xml properties.
/// Defaults (the MSBuild properties in build/Flow.Generators.targets start from these):
/// resume previous versions, upon the same process key; deploy all (not changed only); keep instances and
/// history when undeployed.
/// </summary>
public sealed record DeploymentSettings(
    bool ResumePreviousVersions,
    string ResumePreviousVersionsUpon,
    bool DeployChangedOnly,
    bool DeleteUponUndeploy)
{
    public const string ByProcessKey = "process-definition-key";
    public const string ByDeploymentName = "deployment-name";

    public static DeploymentSettings Default { get; } = new(true, ByProcessKey, false, false);
}
