using System.Collections.Generic;

namespace Flow.Deployment;

/// <summary>The FLOW6xxx ids a deployment can be refused with (documented in docs/diagnostics.md).</summary>
public static class DeploymentErrors
{
    /// <summary>Every id with its title.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["FLOW6001"] = "Deployment folder without manifest",
        ["FLOW6002"] = "Unreadable deployment manifest",
        ["FLOW6003"] = "Deployment file does not match its manifest",
        ["FLOW6004"] = "Deployment path outside its folder",
        ["FLOW6005"] = "Deployment cannot be loaded",
        ["FLOW6006"] = "Health check failed",
        ["FLOW6007"] = "Unknown deployment, version or process",
        ["FLOW6010"] = "Deployment manifest does not match its schema",
        ["FLOW6011"] = "Deployment file cannot be read",
        ["FLOW6012"] = "Link or reparse point in a deployment folder",
        ["FLOW6013"] = "Deployment failed unexpectedly",
        ["FLOW6014"] = "Deployment root cannot be watched",
        ["FLOW6015"] = "Instance strategy failed for an instance",
        ["FLOW6030"] = "Deployment manifest not signed",
        ["FLOW6031"] = "Deployment manifest signature not valid",
        ["FLOW6140"] = "Stored deployment does not match its name or version",
        ["FLOW6141"] = "Deployment missing from the deployment store",
        ["FLOW6142"] = "Deployment could not be written to the deployment store",
        ["FLOW6143"] = "Deployment store holds other content for this version",
        ["FLOW6144"] = "Deployment store cannot be read",
        ["FLOW6150"] = "Diagram content not signed",
        ["FLOW6151"] = "Diagram content signature not valid",
        ["FLOW6152"] = "Content version taken by other deployers",
        ["FLOW6240"] = "Task bound to a handler the host has not registered",
        ["FLOW6250"] = "Diagram content does not compile",
        ["FLOW6251"] = "Diagram content took too long to compile",
        ["FLOW6252"] = "Diagram content uses an API content may not use",
        ["FLOW6270"] = "Deployment version not resumed by this host",
        ["FLOW6320"] = "A type initializer of the flow assembly threw while deploying",
        ["FLOW6321"] = "Process object cannot be created",
        ["FLOW6322"] = "Start data not accepted",
        ["FLOW6324"] = "Not an instance id",
        ["FLOW6325"] = "Message name or correlation key too long to store",
        ["FLOW6326"] = "Message name or correlation key no store keeps as the same text",
        ["FLOW6327"] = "Message payload not valid UTF-8",
        ["FLOW6340"] = "Process key deployed for several tenants, started without one",
        ["FLOW6341"] = "Deployment with an invalid tenant id",
    };
}
