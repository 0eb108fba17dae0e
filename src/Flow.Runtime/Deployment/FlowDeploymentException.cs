using System;

namespace Flow.Deployment;

/// <summary>
/// A deployment was refused. <see cref="Id"/> is a FLOW6xxx id (docs/diagnostics.md); the message
/// names the deployment and the file. Nothing of a refused deployment is loaded or activated.
/// </summary>
public sealed class FlowDeploymentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FlowDeploymentException(string id, string message, Exception? inner = null)
        : base(id + ": " + message, inner) => Id = id;

    /// <summary>The FLOW6xxx id.</summary>
    public string Id { get; }

    internal static FlowDeploymentException ManifestMissing(string folder) =>
        new("FLOW6001", $"'{folder}' has no {DeploymentManifest.FileName}; the folder is not (yet) a deployment.");

    internal static FlowDeploymentException ManifestUnreadable(string folder, string reason, Exception? inner = null) =>
        new("FLOW6002", $"The manifest of '{folder}' cannot be read: {reason}", inner);

    internal static FlowDeploymentException FileMismatch(string deployment, string file, string reason) =>
        new("FLOW6003", $"Deployment '{deployment}': file '{file}' {reason}; nothing of it was loaded.");

    internal static FlowDeploymentException PathOutsideFolder(string deployment, string file) =>
        new("FLOW6004", $"Deployment '{deployment}': the path '{file}' leaves the deployment folder.");

    internal static FlowDeploymentException LoadFailed(string deployment, string reason, Exception? inner = null) =>
        new("FLOW6005", $"Deployment '{deployment}' could not be loaded: {reason}", inner);

    internal static FlowDeploymentException HealthCheckFailed(string deployment, string key, string reason, Exception? inner = null) =>
        new("FLOW6006", $"Deployment '{deployment}': the health check of process '{key}' failed ({reason}); the previous version stays live.", inner);

    internal static FlowDeploymentException UnknownVersion(string what) =>
        new("FLOW6007", what);
}
