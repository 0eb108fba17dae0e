using System.Collections.Generic;

namespace Flow.Cockpit;

/// <summary>The FLOW64xx ids the cockpit answers with (documented in docs/diagnostics.md).</summary>
public static class CockpitErrors
{
    /// <summary>Mapped outside Development without both policies.</summary>
    public const string PoliciesMissing = "FLOW6400";

    /// <summary>No stored instance has the id.</summary>
    public const string UnknownInstance = "FLOW6401";

    /// <summary>No deployed version defines the process key (or the asked version).</summary>
    public const string UnknownProcess = "FLOW6402";

    /// <summary>No registered version has the deployment name (or the asked version).</summary>
    public const string UnknownDeployment = "FLOW6403";

    /// <summary>The request body is not the JSON the endpoint takes.</summary>
    public const string MalformedBody = "FLOW6404";

    /// <summary>A query parameter is out of range or not one of its values.</summary>
    public const string InvalidQuery = "FLOW6405";

    /// <summary>The version does not carry the process's BPMN text.</summary>
    public const string DiagramUnavailable = "FLOW6406";

    /// <summary>Someone else saved the instance first.</summary>
    public const string Conflict = "FLOW6407";

    /// <summary>The instance has already ended.</summary>
    public const string InstanceEnded = "FLOW6408";

    /// <summary>The instance does not fit the latest version of its process (a token or its data).</summary>
    public const string NotMigratable = "FLOW6409";

    /// <summary>An uploaded deployment is larger than <see cref="CockpitOptions.MaxUploadBytes"/> (packed or unpacked).</summary>
    public const string UploadTooLarge = "FLOW6410";

    /// <summary>An uploaded deployment is not a package the registry takes (not a zip, no manifest, an unsafe entry name, an unknown media type).</summary>
    public const string UploadMalformed = "FLOW6411";

    /// <summary>BPMN text was uploaded but the host registered no content deployer (<see cref="CockpitOptions.DeployBpmn"/>).</summary>
    public const string ContentDeploymentUnavailable = "FLOW6412";

    /// <summary>A folder deployment named a folder outside <see cref="CockpitOptions.DeploymentRoot"/> (absolute, traversal, a link) or the host allows none.</summary>
    public const string FolderNotAllowed = "FLOW6413";

    /// <summary>A JSON request body is larger than <see cref="CockpitOptions.MaxRequestBodyBytes"/> (413).</summary>
    public const string BodyTooLarge = "FLOW6323";

    /// <summary>A changing request without a JSON (or upload) media type, which another site's page could send without a preflight (415).</summary>
    public const string NotJsonMediaType = "FLOW6328";

    /// <summary>Every id with its title.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [PoliciesMissing] = "Cockpit mapped without reader and operator policies",
        [UnknownInstance] = "Unknown instance",
        [UnknownProcess] = "Unknown process or process version",
        [UnknownDeployment] = "Unknown deployment or deployment version",
        [MalformedBody] = "Request body is not the JSON the endpoint takes",
        [InvalidQuery] = "Query parameter out of range",
        [DiagramUnavailable] = "Process diagram not available",
        [Conflict] = "Instance changed concurrently",
        [InstanceEnded] = "Instance has already ended",
        [NotMigratable] = "Instance cannot be migrated to the latest version",
        [UploadTooLarge] = "Uploaded deployment too large",
        [UploadMalformed] = "Uploaded deployment is not a deployment package",
        [ContentDeploymentUnavailable] = "BPMN content deployment not available",
        [FolderNotAllowed] = "Folder outside the allowed deployment root",
        [BodyTooLarge] = "Request body too large",
        [NotJsonMediaType] = "Command not sent as JSON",
    };
}
