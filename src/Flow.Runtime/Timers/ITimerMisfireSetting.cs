namespace Flow;

/// <summary>A process object whose cycles follow a <see cref="Flow.TimerMisfire"/> (the engine sets its own on the processes it makes).</summary>
internal interface ITimerMisfireSetting
{
    TimerMisfire TimerMisfire { get; set; }
}
