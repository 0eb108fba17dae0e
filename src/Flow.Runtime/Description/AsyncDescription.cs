using System;
using System.Collections.Generic;
using Flow.Jobs;

namespace Flow;

/// <summary>
/// A node's asynchronous continuation (Camunda's <c>asyncBefore</c>/<c>asyncAfter</c>): the
/// command that reaches the boundary saves the instance with a due job and returns; the job
/// runner goes on from there in a transaction of its own, retrying a failure (<see cref="RetryCycle"/>).
/// </summary>
public sealed class AsyncDescription
{
    private int _maxAttempts;
    private TimeSpan[]? _delays;

    /// <summary>Creates the description (generated code calls this).</summary>
    public AsyncDescription(bool before, bool after)
    {
        Before = before;
        After = after;
    }

    /// <summary>asyncBefore: a token arriving at the node waits for a job before it runs the node.</summary>
    public bool Before { get; }

    /// <summary>asyncAfter: a token leaving the node waits for a job before it takes the outgoing flows.</summary>
    public bool After { get; }

    /// <summary>
    /// camunda:exclusive (default true). Jobs of one instance never change it at once either way:
    /// each job's run saves with the revision it read, so one of two concurrent runs wins and the
    /// other reads the new state and runs again; kept for the job's payload and for operators.
    /// </summary>
    public bool Exclusive { get; init; } = true;

    /// <summary>camunda:jobPriority: among jobs acquired together, higher runs first (default 0).</summary>
    public int Priority { get; init; }

    /// <summary>camunda:failedJobRetryTimeCycle (<c>R5/PT10S</c>, <c>PT1M,PT5M</c>); null for the default of 3 attempts.</summary>
    public string? RetryCycle { get; init; }

    /// <summary>How many attempts a job of this boundary gets before the instance fails (3 unless the cycle says).</summary>
    public int MaxAttempts => Parsed()._maxAttempts;

    /// <summary>The waits between attempts from the cycle (the last repeats); empty: the job runner's own doubling delay.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays => Parsed()._delays!;

    private AsyncDescription Parsed()
    {
        if (_delays is not null)
        {
            return this;
        }

        if (RetryCycle is null)
        {
            _maxAttempts = DefaultAttempts;
            _delays = Array.Empty<TimeSpan>();
        }
        else if (RetryCycleSyntax.TryParse(RetryCycle, out var attempts, out var delays, out var error))
        {
            _maxAttempts = attempts;
            _delays = delays;
        }
        else
        {
            throw new FormatException($"{AsyncErrors.BadRetryCycle}: the failedJobRetryTimeCycle '{RetryCycle}' cannot be read: {error}.");
        }

        return this;
    }

    /// <summary>Camunda's default number of attempts of a job.</summary>
    public const int DefaultAttempts = 3;
}
