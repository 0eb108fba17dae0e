using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Flow;

/// <summary>
/// A token waiting at a job boundary (<see cref="TokenWait.Async"/>): before its node
/// (asyncBefore: the node has not run) or after it (asyncAfter: the node ran; the token takes
/// <see cref="Flows"/> when the job runs). Each is a job of the instance, saved with it.
/// </summary>
public sealed class ContinuationState
{
    /// <summary>The job's id, unique in the store: instance id, node id and a number of the instance.</summary>
    public string JobId { get; set; } = "";

    /// <summary>The node the boundary belongs to (where the token waits).</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The waiting token.</summary>
    public int TokenId { get; set; }

    /// <summary>False: before the node (asyncBefore); true: after it (asyncAfter).</summary>
    public bool After { get; set; }

    /// <summary>For <see cref="After"/>: the outgoing flows chosen when the node completed (empty: the token ends there).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Flows { get; set; }

    /// <summary>When the job became due (UTC): when the token reached the boundary.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The job kind of an asynchronous continuation.</summary>
    public const string JobKind = "async-continuation";
}
