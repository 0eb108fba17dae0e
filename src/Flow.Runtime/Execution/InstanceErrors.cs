using System.Collections.Generic;

namespace Flow;

/// <summary>The FLOW604x ids of the instance runtime (documented in docs/diagnostics.md).</summary>
public static class InstanceErrors
{
    /// <summary>A completion's output is not the wait state's declared output.</summary>
    public const string OutputNotAccepted = "FLOW6040";

    /// <summary>A run took more steps than <see cref="ExecutionLimits.MaxStepsPerRun"/>.</summary>
    public const string StepLimit = "FLOW6041";

    /// <summary>A completion names a node where no token waits (or the instance has ended).</summary>
    public const string NotWaiting = "FLOW6042";

    /// <summary>A message delivered to an instance that does not wait for it (name and key).</summary>
    public const string MessageNotAwaited = "FLOW6180";

    /// <summary>The engine found no instance (and no message start event) for a message.</summary>
    public const string MessageUnmatched = "FLOW6181";

    /// <summary>The engine found several instances waiting for a message that was not sent as a broadcast.</summary>
    public const string MessageAmbiguous = "FLOW6182";

    /// <summary>Conditional start events were evaluated for a process that has none.</summary>
    public const string NoConditionalStart = "FLOW6190";

    /// <summary>The condition of a conditional start event threw while being evaluated.</summary>
    public const string StartConditionFailed = "FLOW6191";

    /// <summary>A call activity's called process (key, binding, version) is not deployed: the command changes nothing.</summary>
    public const string CallUnresolved = "FLOW6200";

    /// <summary>A called instance ended without completing (aborted, or failed with nothing to retry): its call activity fails the caller.</summary>
    public const string CalledInstanceFailed = "FLOW6201";

    /// <summary>A call activity's out mapping names a member the calling process's data does not have, or a value it cannot take.</summary>
    public const string CallOutputNotAccepted = "FLOW6202";

    /// <summary>A parallel multi-instance wait state completed without an element index.</summary>
    public const string ElementIndexRequired = "FLOW6220";

    /// <summary>A completion names an element of a multi-instance or loop that does not wait (done, withdrawn, out of range).</summary>
    public const string ElementNotWaiting = "FLOW6221";

    /// <summary>Migration: a token (or a loop's element) keeps the saved input parameters of its element, which the mapping moves to another element.</summary>
    public const string InputsNotMigrated = "FLOW6290";

    /// <summary>A multi-instance's count is negative (a loopCardinality below 0).</summary>
    public const string BadInstanceCount = "FLOW6222";

    /// <summary>Every id with its title.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [OutputNotAccepted] = "Completion output not accepted",
        [StepLimit] = "Step limit reached",
        [NotWaiting] = "No token waits at the completed node",
        [MessageNotAwaited] = "The instance does not wait for the message",
        [MessageUnmatched] = "No instance waits for the message",
        [MessageAmbiguous] = "Several instances wait for the message",
        [NoConditionalStart] = "The process has no conditional start event",
        [StartConditionFailed] = "A start condition threw",
        [CallUnresolved] = "The called process is not deployed",
        [CalledInstanceFailed] = "The called instance ended without completing",
        [CallOutputNotAccepted] = "Call activity output not accepted",
        [ElementIndexRequired] = "Multi-instance completion needs an element index",
        [ElementNotWaiting] = "The multi-instance element does not wait",
        [InputsNotMigrated] = "Saved input parameters cannot move to another element",
        [BadInstanceCount] = "Multi-instance count below zero",
    };
}
