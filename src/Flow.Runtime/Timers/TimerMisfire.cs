namespace Flow;

/// <summary>
/// What a timeCycle does with the occurrences it missed: its host was down, or its job ran later
/// than one period after it was due (timer start events, non-interrupting boundary timers and
/// event sub-process timer starts with a cycle).
/// </summary>
public enum TimerMisfire
{
    /// <summary>
    /// The default: fire once for all the missed occurrences, then go on with the cycle's next
    /// occurrence that is in the future. The skipped occurrences count against the repetitions
    /// (<c>R5/…</c> never fires more than 5 times), so a host that restarts after a long outage
    /// fires each cycle at most once late (as Quartz's "fire once now" and Camunda 7 do).
    /// </summary>
    FireOnce,

    /// <summary>Fire once per missed occurrence, one after the other, until the cycle has caught up (the behaviour before <see cref="FireOnce"/>).</summary>
    FireAll,
}
