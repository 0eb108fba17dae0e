namespace Flow;

/// <summary>Where an instance stands.</summary>
public enum InstanceStatus
{
    /// <summary>Tokens are moving (seen only from inside handlers).</summary>
    Running,

    /// <summary>Every token waits at a wait state (user, receive or manual task).</summary>
    Waiting,

    /// <summary>All tokens reached end events, or a terminate end event ended the instance.</summary>
    Completed,

    /// <summary>A handler threw, no outgoing condition held, or an error end event was not caught.</summary>
    Failed,

    /// <summary>Ended by the operator or by a deployment's abort strategy.</summary>
    Aborted,
}
