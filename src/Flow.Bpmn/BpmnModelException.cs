using System;

namespace Flow.Bpmn;

/// <summary>
/// A mistake in building, reading or writing a model. <see cref="ErrorId"/> is one of the
/// FLOW80xx ids of docs/builder.md; the message names the id or element concerned.
/// </summary>
public sealed class BpmnModelException : Exception
{
    public BpmnModelException(string errorId, string message)
        : base(errorId + ": " + message)
    {
        ErrorId = errorId;
    }

    public BpmnModelException(string errorId, string message, Exception inner)
        : base(errorId + ": " + message, inner)
    {
        ErrorId = errorId;
    }

    /// <summary>FLOW8000 to FLOW8019.</summary>
    public string ErrorId { get; }
}
