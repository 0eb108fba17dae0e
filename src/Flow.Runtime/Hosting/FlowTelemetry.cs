using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Flow.Deployment;

namespace Flow.Hosting;

/// <summary>Traces and metrics of the runtime: subscribe to "Flow.Runtime" with OpenTelemetry or dotnet-counters.</summary>
public static class FlowTelemetry
{
    /// <summary>The source and meter name.</summary>
    public const string Name = "Flow.Runtime";

    /// <summary>Spans for deployments and instance calls.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> DeploymentsActivated = Meter.CreateCounter<long>("flow.deployments.activated");
    internal static readonly Counter<long> DeploymentsFailed = Meter.CreateCounter<long>("flow.deployments.failed");
    internal static readonly Counter<long> VersionsUnloaded = Meter.CreateCounter<long>("flow.versions.unloaded");
    internal static readonly Counter<long> InstancesStarted = Meter.CreateCounter<long>("flow.instances.started");
    internal static readonly Counter<long> InstancesEnded = Meter.CreateCounter<long>("flow.instances.ended");

    /// <summary>Counts a deployment event, tagged with its deployment name (the registry calls this once per event).</summary>
    internal static void Count(DeploymentEvent e)
    {
        var counter = e.Kind switch
        {
            DeploymentEventKind.Activated => DeploymentsActivated,
            DeploymentEventKind.Failed => DeploymentsFailed,
            DeploymentEventKind.Unloaded => VersionsUnloaded,
            _ => null,
        };
        counter?.Add(1, new KeyValuePair<string, object?>("flow.deployment", e.Name));
    }
}
