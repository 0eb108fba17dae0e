using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>
/// A node's asynchronous continuation as Camunda writes it: <c>camunda:asyncBefore</c>,
/// <c>camunda:asyncAfter</c>, <c>camunda:exclusive</c> (default true), <c>camunda:jobPriority</c>
/// and the <c>camunda:failedJobRetryTimeCycle</c> extension element, as written (checked by AsyncRules).
/// </summary>
public sealed record AsyncContinuation(bool Before, bool After, bool Exclusive, SourceSpan Span)
{
    /// <summary><c>camunda:jobPriority</c> as written (a whole number or an expression); null when absent.</summary>
    public string? Priority { get; init; }

    public SourceSpan PrioritySpan { get; init; }

    /// <summary>The text of <c>camunda:failedJobRetryTimeCycle</c>; null when absent.</summary>
    public string? RetryCycle { get; init; }

    public SourceSpan RetryCycleSpan { get; init; }
}
