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

    internal static FlowDeploymentException ManifestInvalid(string folder, string reason, Exception? inner = null) =>
        new("FLOW6010", $"The manifest of '{folder}' does not match its schema: {reason}; nothing of it was loaded.", inner);

    internal static FlowDeploymentException FileUnreadable(string deployment, string file, Exception inner) =>
        new("FLOW6011", $"Deployment '{deployment}': file '{file}' cannot be read ({inner.Message}); nothing of it was loaded.", inner);

    internal static FlowDeploymentException LinkInFolder(string deployment, string file) =>
        new("FLOW6012", $"Deployment '{deployment}': '{file}' is a symbolic link or another reparse point; a deployment folder holds only plain files and folders.");

    internal static FlowDeploymentException Unexpected(string folder, Exception inner)
    {
        // Reflection wraps what the flow's own code threw ("Exception has been thrown by the target
        // of an invocation"); the message names the real exception, and a type initializer's class.
        var cause = ThrownByFlowCode(inner);
        if (cause is TypeInitializationException init)
        {
            var thrown = init.InnerException ?? init;
            return new("FLOW6320", $"Deploying '{folder}' failed: the static constructor of '{init.TypeName}' (a static field initializer or static constructor in the flow assembly) threw {thrown.GetType().Name}: {thrown.Message}; nothing of it went live.", inner);
        }

        return new("FLOW6013", $"Deploying '{folder}' failed: {Describe(cause)}", inner);
    }

    internal static FlowDeploymentException ProcessNotCreated(string version, string key, Type type, Exception inner) =>
        new("FLOW6321", $"Deployment '{version}': the object of process '{key}' (class '{type.FullName}') cannot be created: {Describe(inner)}. Nothing ran; register what its constructor needs with the host, or make the constructor not throw.", inner);

    /// <summary>"Type: message" of what the flow's code threw, under reflection's wrappers.</summary>
    internal static string Describe(Exception error)
    {
        var thrown = ThrownByFlowCode(error);
        return thrown.GetType().Name + ": " + thrown.Message;
    }

    /// <summary>The exception under reflection's wrappers (TargetInvocationException, a single-exception AggregateException).</summary>
    internal static Exception ThrownByFlowCode(Exception error)
    {
        while (error.InnerException is { } inner
            && (error is System.Reflection.TargetInvocationException || error is AggregateException { InnerExceptions.Count: 1 }))
        {
            error = inner;
        }

        return error;
    }

    internal static FlowDeploymentException WatchFailed(string? folder, Exception inner) =>
        new("FLOW6014", $"Watching '{folder}' failed: {inner.GetType().Name}: {inner.Message}; the deployer keeps watching.", inner);

    internal static FlowDeploymentException StrategyFailed(string instanceId, string key, string target, string strategy, Exception inner) =>
        new("FLOW6015", $"Instance {instanceId} of process '{key}' could not be moved by its strategy ({strategy}) to {target}: {inner.Message}; it stays on its version as it was.", inner);

    internal static FlowDeploymentException StoredMismatch(string label, string manifestName, int manifestVersion) =>
        new("FLOW6140", $"The stored deployment '{label}' holds the manifest of '{manifestName}' version {manifestVersion}; nothing of it was loaded.");

    internal static FlowDeploymentException StoredMissing(string name, int version, string why) =>
        new("FLOW6141", $"Deployment '{name}' version {version} is not in the deployment store ({why}); nothing was changed.");

    internal static FlowDeploymentException PublishFailed(string name, int version, Exception inner) =>
        new("FLOW6142", $"Deployment '{name}' version {version} could not be written to the deployment store ({inner.GetType().Name}: {inner.Message}); nothing of it was activated on this node.", inner);

    /// <summary>FLOW6143: a store already holds other content under (name, version); for store implementations.</summary>
    public static FlowDeploymentException StoredVersionConflict(string name, int version) =>
        new("FLOW6143", $"The deployment store already holds deployment '{name}' version {version} with other content; a changed deployment needs a new version (see FLOW6007). Nothing was stored.");

    internal static FlowDeploymentException StoreUnreadable(Exception inner) =>
        new("FLOW6144", $"The deployment store cannot be read ({inner.GetType().Name}: {inner.Message}); nothing was changed on this node (a log follower tries again).", inner);

    internal static FlowDeploymentException NotResumed(string name, int version, string by) =>
        new("FLOW6270", $"Deployment '{name}' version {version} is not resumed by this host: {by} did not resume it. Its instances stay stored as they are; deploy with resumePreviousVersions = true (or run them on a host that resumes it), or migrate or abort them.");

    internal static FlowDeploymentException TenantAmbiguous(string key, string tenants) =>
        new("FLOW6340", $"Process '{key}' is deployed for several tenants ({tenants}); give the tenant id (tenantId) to say which one.");

    internal static FlowDeploymentException TenantInvalid(string label, string reason) =>
        new("FLOW6341", $"Deployment '{label}' is refused: {reason}; nothing of it was loaded.");
}
