using System;
using System.Text.Json.Serialization;

namespace Flow;

/// <summary>
/// A timer a token waits on: the job <see cref="JobId"/> of the instance, due at <see cref="DueAt"/>.
/// The token <see cref="TokenId"/> waits at <see cref="WaitNodeId"/>: the timer catch event itself,
/// or (for a boundary timer) the activity the timer event <see cref="NodeId"/> is attached to. A
/// timer whose token has left that node is dropped, and with it its job.
/// </summary>
public sealed class TimerState
{
    /// <summary>The job's id, unique in the store: instance id, timer node id and token id.</summary>
    public string JobId { get; set; } = "";

    /// <summary>The timer event.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The waiting token.</summary>
    public int TokenId { get; set; }

    /// <summary>Where the token waits: the catch event, or the activity of a boundary timer.</summary>
    public string WaitNodeId { get; set; } = "";

    /// <summary>When it fires, in UTC.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>How often a non-interrupting boundary timer with a cycle has fired (its next occurrence counts from it).</summary>
    public int Fired { get; set; }

    /// <summary>For an event sub-process timer start inside an element of a looped sub-process: that element's scope; null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ScopeId { get; set; }

    /// <summary>The job kind of an instance's timer.</summary>
    public const string JobKind = "timer";
}
