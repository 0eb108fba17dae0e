using System.Diagnostics;
using System.Diagnostics.Metrics;

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
}
