using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>What a host needs of an instance to run its job boundaries (FlowEngine's job handler).</summary>
internal interface IContinuable
{
    /// <summary>The tokens waiting at job boundaries.</summary>
    IReadOnlyList<ContinuationState> Continuations { get; }

    /// <summary>The definition the instance runs on (its nodes' job settings).</summary>
    ProcessDescription Definition { get; }

    /// <summary>Runs the job <paramref name="jobId"/> of a boundary; false when no token waits for it.</summary>
    ValueTask<bool> ContinueAsync(string jobId, CancellationToken cancellationToken = default);
}

/// <summary>Job boundaries (camunda:asyncBefore/asyncAfter) of one instance.</summary>
public abstract partial class FlowInstance<TData> : IContinuable
{
    /// <summary>
    /// The tokens waiting at job boundaries (asyncBefore/asyncAfter), each a job of the instance:
    /// run them with <see cref="ContinueAsync"/> (FlowEngine's job runner does, each in a transaction of its own).
    /// </summary>
    public IReadOnlyList<ContinuationState> Continuations => (IReadOnlyList<ContinuationState>?)_state?.Continuations ?? Array.Empty<ContinuationState>();

    /// <summary>
    /// Runs the job <paramref name="jobId"/>: its token goes on from the boundary and the instance
    /// runs to its next wait state (a handler that throws fails the instance, as in any run).
    /// False, and nothing changes, when no token waits for that job any more.
    /// </summary>
    public ValueTask<bool> ContinueAsync(string jobId, CancellationToken cancellationToken = default) =>
        NewEngine().ContinueAsync(this, jobId, cancellationToken);

    ProcessDescription IContinuable.Definition => _process.Definition;
}
