using System.Collections.Generic;

namespace Flow.Timers;

/// <summary>The FLOW616x ids of timers and the job runner (documented in docs/diagnostics.md).</summary>
public static class TimerErrors
{
    /// <summary>A timer's value (an expression's result) is not a time the timer can wait for.</summary>
    public const string InvalidTimerValue = "FLOW6160";

    /// <summary>A job failed its last allowed attempt; it is kept, dead, for an operator.</summary>
    public const string JobDead = "FLOW6161";

    /// <summary>A due job has a kind no registered handler runs.</summary>
    public const string NoHandler = "FLOW6162";

    /// <summary>A timer start event's job names a process version that is no longer registered; it is dropped.</summary>
    public const string StartTimerOrphaned = "FLOW6163";

    /// <summary>Every id with its title.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [InvalidTimerValue] = "Timer value not usable",
        [JobDead] = "Job failed its last attempt",
        [NoHandler] = "No handler for a job's kind",
        [StartTimerOrphaned] = "Timer start job of a version that is gone",
    };
}
