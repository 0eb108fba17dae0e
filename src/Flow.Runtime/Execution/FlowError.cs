using System;

namespace Flow;

/// <summary>
/// A BPMN error thrown by a handler or script: a boundary error event on the task (or on a
/// sub-process around it) whose error code is <see cref="Code"/>, or one without a code, catches
/// it and the process goes on there. Uncaught, it fails the instance like an error end event
/// (<c>Failure.Kind == "BpmnError"</c>, <c>Failure.Message == Code</c>) and every token ends.
/// </summary>
public class FlowError : Exception
{
    /// <summary>Throws the error <paramref name="code"/> (the <c>errorCode</c> of a BPMN <c>error</c>).</summary>
    public FlowError(string code)
        : this(code, null)
    {
    }

    /// <summary>Throws the error <paramref name="code"/> with a message for logs.</summary>
    public FlowError(string code, string? message)
        : base(message ?? $"BPMN error '{code}'.")
    {
        Code = string.IsNullOrWhiteSpace(code) ? throw new ArgumentException("An error code is required.", nameof(code)) : code;
    }

    /// <summary>The error code a boundary error event catches.</summary>
    public string Code { get; }
}
