using Flow.Deployment;

namespace Flow.Engine;

/// <summary>
/// An instance its key's strategy could not abort or migrate when <paramref name="ToVersion"/>
/// went live; it stays on <paramref name="FromVersion"/> exactly as it was. <paramref name="Error"/>
/// is FLOW6015 with the cause as its inner exception.
/// </summary>
public sealed record InstanceStrategyFailure(
    string InstanceId, string ProcessKey, string DeploymentName, int FromVersion, int ToVersion, InstanceStrategy Strategy, FlowDeploymentException Error);
