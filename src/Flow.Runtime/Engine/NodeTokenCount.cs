namespace Flow.Engine;

/// <summary>
/// How many instances of one deployment version wait at one node, and how many failed there
/// (<see cref="FlowEngine.CountTokensAsync"/>).
/// </summary>
public sealed record NodeTokenCount(string DeploymentName, int DeploymentVersion, string NodeId, int Waiting, int Failed);
