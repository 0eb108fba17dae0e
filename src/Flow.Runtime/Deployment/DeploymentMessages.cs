namespace Flow.Deployment;

/// <summary>Refusal texts that must tell the user exactly how to fix the cause (kept apart so they can be read and reviewed in one place).</summary>
internal static class DeploymentMessages
{
    /// <summary>A build numbered changed content with a version this runtime already runs (FLOW6007).</summary>
    public static string VersionReused(string name, int version) =>
        $"Deployment '{name}' version {version} is already deployed with other content; a changed deployment needs a new version. "
        + $"The build that wrote it did not know the earlier numbers (a fresh clone, a clean CI agent or a deleted deployment folder without flow-lock.json). "
        + $"Fix: let the build continue from version {version}: commit the flow-lock.json that the build of version {version} wrote, beside the flow project "
        + "(FlowUseLockFile, on by default; with it off, put that build's flow-manifest.json into the deployment folder), and build again: "
        + $"changed content then gets version {version + 1} or later. "
        + "Build CI with ContinuousIntegrationBuild=true so one commit gives the same bytes, and the same version, on every agent (docs/manifest.md#lock-file).";
}
