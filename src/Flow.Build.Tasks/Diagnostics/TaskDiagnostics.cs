using System.Collections.Generic;

namespace Flow.Build.Tasks.Diagnostics;

/// <summary>
/// Every error the deployment task reports (FLOW5xxx: build and manifest). The compiler's
/// catalog owns FLOW0xxx–FLOW4xxx; docs/diagnostics.md documents both, and a test keeps the
/// headings there in step with this list.
/// </summary>
public static class TaskDiagnostics
{
    public static readonly TaskDiagnostic PreviousManifestUnreadable = new(
        "FLOW5001", "The previous deployment manifest cannot be read",
        "The previous deployment manifest '{0}' cannot be read: {1}. Versions are never silently reset; fix or delete the file to start again at version 1");

    public static readonly TaskDiagnostic LockFileUnreadable = new(
        "FLOW5002", "The flow lock file cannot be read",
        "The flow lock file '{0}' cannot be read: {1}. Versions are never silently reset; restore the file from source control, or delete it to start again at version 1");

    public static readonly TaskDiagnostic AssemblyUnreadable = new(
        "FLOW5003", "The flow assembly's metadata cannot be read",
        "The flow assembly '{0}' cannot be read: {1}");

    public static readonly TaskDiagnostic InvalidSetting = new(
        "FLOW5004", "Invalid deployment setting",
        "The property '{0}' has the value '{1}'; expected {2}");

    public static readonly TaskDiagnostic WriteFailed = new(
        "FLOW5005", "The deployment folder cannot be written",
        "Writing the deployment folder '{0}' failed: {1}");

    public static readonly TaskDiagnostic DuplicateProcessKey = new(
        "FLOW5006", "Two process classes with the same key",
        "The process key '{0}' is carried by both '{1}' and '{2}' in '{3}'; a deployment holds one definition per key");

    public static readonly TaskDiagnostic DuplicateFilePath = new(
        "FLOW5007", "Two deployment files with the same path",
        "Two files would be written to '{0}' in the deployment folder: '{1}' and '{2}'");

    public static readonly TaskDiagnostic AssetsFileUnreadable = new(
        "FLOW5010", "The project's assets file cannot be read",
        "The restore result '{0}' cannot be read: {1}. It says which packages the host provides (Flow.Runtime's dependencies); restore the project again");

    /// <summary>Reported by the targets (build/Flow.Deployment.targets), not by the task: the task is what is missing.</summary>
    public static readonly TaskDiagnostic TaskAssemblyMissing = new(
        "FLOW5011", "The deployment task is missing",
        "The Flow deployment task '{0}' does not exist, so no deployment folder can be written for this project");

    public static readonly TaskDiagnostic PathOutsideFolder = new(
        "FLOW5012", "A deployment file path leaves the deployment folder",
        "The file '{0}' would be written to '{1}', outside the deployment folder '{2}'");

    public static readonly TaskDiagnostic SigningKeyUnreadable = new(
        "FLOW5013", "The manifest signing key cannot be used",
        "The manifest signing key from {0} cannot be used: {1}");

    public static readonly TaskDiagnostic SigningNeedsCoreMSBuild = new(
        "FLOW5014", "Manifest signing needs .NET MSBuild",
        "Signing the manifest (key from {0}) needs .NET MSBuild (dotnet build); .NET Framework MSBuild (Visual Studio, msbuild.exe) cannot read PEM keys. Sign in the build that produces deployments, or leave the key unset here");

    public static readonly TaskDiagnostic InvalidDeploymentGroup = new(
        "FLOW5060", "Invalid FlowDeployment name on a diagram",
        "The diagram '{0}' names the deployment '{1}' (FlowDeployment metadata), which cannot be a deployment folder's name: use letters, digits, '.', '-' or '_'");

    public static readonly TaskDiagnostic NoDiagramListed = new(
        "FLOW5061", "No diagram listed while scanning is off",
        "FlowScanForProcessDefinitions is false, so only diagrams with FlowDeployment metadata are deployed, and none of the project's {0} diagram(s) has it");

    public static readonly TaskDiagnostic EmptyDeploymentGroup = new(
        "FLOW5062", "A deployment of the project defines no process",
        "The deployment '{0}' (diagrams {1}) defines no process of the flow assembly; each FlowDeployment must name diagrams with an executable process");

    public static IReadOnlyList<TaskDiagnostic> All { get; } = new[]
    {
        PreviousManifestUnreadable, LockFileUnreadable, AssemblyUnreadable, InvalidSetting,
        WriteFailed, DuplicateProcessKey, DuplicateFilePath, AssetsFileUnreadable, TaskAssemblyMissing,
        PathOutsideFolder, SigningKeyUnreadable, SigningNeedsCoreMSBuild,
        InvalidDeploymentGroup, NoDiagramListed, EmptyDeploymentGroup,
    };
}
