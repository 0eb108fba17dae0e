namespace Flow;

/// <summary>The event definition of an event node; <see cref="None"/> for blank events and non-events.</summary>
public enum EventKind
{
    /// <summary>No event definition.</summary>
    None,

    /// <summary>Message.</summary>
    Message,

    /// <summary>Timer.</summary>
    Timer,

    /// <summary>Error.</summary>
    Error,

    /// <summary>Escalation.</summary>
    Escalation,

    /// <summary>Cancel.</summary>
    Cancel,

    /// <summary>Compensate.</summary>
    Compensate,

    /// <summary>Conditional.</summary>
    Conditional,

    /// <summary>Link.</summary>
    Link,

    /// <summary>Signal.</summary>
    Signal,

    /// <summary>Terminate.</summary>
    Terminate,
}
