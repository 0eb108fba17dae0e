using System;
using System.Text;
using System.Text.Json;
using Flow.Deployment;

namespace Flow.Engine;

/// <summary>
/// Turns what the JSON reader threw at the engine's boundary into a <see cref="FlowInputException"/>
/// that names the process, the deployment, the position and the cause in words an operator reads.
/// Nothing is parsed twice: the reader that reads the data anyway throws, this only translates.
/// </summary>
internal static class JsonInputErrors
{
    /// <summary>Start data (text, UTF-8, an element or a caller's typed value) the process's data reader refused.</summary>
    public const string StartDataNotAccepted = "FLOW6322";

    public static FlowInputException StartData(string key, DeployedVersion version, Exception error)
    {
        var (cause, path) = Cause(error);
        var line = (error as JsonException)?.LineNumber;
        var position = (error as JsonException)?.BytePositionInLine;
        var where = line is { } l && position is { } b ? $" at line {l + 1}, byte {b + 1}" : "";
        where += path is null ? "" : $" ({path})";
        return new FlowInputException(StartDataNotAccepted, key,
            $"Starting process '{key}' of deployment '{version}': the start data is refused{where}: {cause}. Nothing was started or stored.",
            path, line, position, error);
    }

    /// <summary>The reader's reason without its own position suffix, and the JSON path when the reader named one.</summary>
    private static (string Cause, string? Path) Cause(Exception error)
    {
        if (error is ArgumentException)
        {
            return ("the JSON is null; start data is a JSON object (an empty one is {})", "$");
        }

        var message = error.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            message = message[..suffix];
        }

        string? path = (error as JsonException)?.Path;
        var named = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (named >= 0)
        {
            path ??= message[(named + " Path: ".Length)..].TrimEnd('.');
            message = message[..named];
        }

        if (InvalidUtf8(error))
        {
            return ("a string is not valid UTF-8", path);
        }

        if (message.Contains("expected an object", StringComparison.Ordinal))
        {
            path ??= "$";
        }

        return (message.TrimEnd('.'), path);
    }

    private static bool InvalidUtf8(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is DecoderFallbackException)
            {
                return true;
            }
        }

        return false;
    }
}
