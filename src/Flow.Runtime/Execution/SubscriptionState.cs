using System.Text.Json.Serialization;

namespace Flow;

/// <summary>
/// What one waiting token listens for (saved with the instance): a message or a signal, caught
/// at <see cref="NodeId"/>: the intermediate catch event or receive task where the token waits,
/// a catch event after the event-based gateway where it waits, or a boundary event of the
/// activity where it waits (an attached listener: it lives exactly as long as the token waits
/// there). A boundary timer is the same with a <see cref="TimerState"/> instead, whose job fires it.
/// </summary>
public sealed class SubscriptionState
{
    /// <summary>The waiting token (<see cref="TokenState.Id"/>).</summary>
    public int TokenId { get; set; }

    /// <summary>The catching node.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Message, Signal or Conditional (a condition over the data, evaluated after each run step; never indexed by a store).</summary>
    public EventKind Kind { get; set; }

    /// <summary>The message or signal name.</summary>
    public string Name { get; set; } = "";

    /// <summary>For a message: the correlation key computed when the token began to wait (null: any key matches).</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>For a conditional listener: the condition's value at its last evaluation (a non-interrupting one fires only when it turns true).</summary>
    public bool ConditionHeld { get; set; }

    /// <summary>
    /// For an event sub-process start inside an element of a looped sub-process: that element's
    /// scope (<see cref="ScopeState.Id"/>), whose own event sub-process it starts; null otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ScopeId { get; set; }
}
