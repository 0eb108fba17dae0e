using System;
using System.Text.Json;

namespace Flow.Engine;

/// <summary>
/// JSON a caller handed the engine was refused before anything ran or was stored (FLOW6322: start
/// data). The message names the process, its deployment, where in the JSON and why. A
/// <see cref="JsonException"/>, so code that caught the reader's errors before still catches it;
/// <see cref="JsonException.Path"/>, <see cref="JsonException.LineNumber"/> and
/// <see cref="JsonException.BytePositionInLine"/> (0-based, as the reader counts) say where, when known.
/// </summary>
public sealed class FlowInputException : JsonException
{
    /// <summary>Creates the exception.</summary>
    public FlowInputException(string id, string processKey, string message, string? path, long? lineNumber, long? bytePositionInLine, Exception? inner)
        : base(id + ": " + message, path, lineNumber, bytePositionInLine, inner)
    {
        Id = id;
        ProcessKey = processKey;
    }

    /// <summary>The FLOW id (FLOW6322).</summary>
    public string Id { get; }

    /// <summary>The process the JSON was for.</summary>
    public string ProcessKey { get; }
}
