using System;

namespace Flow.Engine;

/// <summary>
/// FLOW6324: a string passed as an instance id cannot be one (empty, blank, longer than 200
/// characters, or with control or format characters). Refused before
/// any store is asked; the message shows the id escaped and cut (<see cref="ArgumentException.ParamName"/> names the argument).
/// </summary>
public sealed class FlowInvalidIdException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public FlowInvalidIdException(string id, string message, string paramName)
        : base(id + ": " + message, paramName) => Id = id;

    /// <summary>The FLOW id (FLOW6324).</summary>
    public string Id { get; }
}

/// <summary>Checks an instance id at the engine's door: a few comparisons for the 32 hex digits the engine makes.</summary>
internal static class InstanceIdArgument
{
    /// <summary>The longest instance id the engine looks up (its own are 32 characters).</summary>
    public const int MaxLength = 200;

    internal const string NotAnInstanceId = "FLOW6324";

    /// <summary>Throws <see cref="ArgumentNullException"/> for null and <see cref="FlowInvalidIdException"/> (FLOW6324) for a string that cannot be an instance id.</summary>
    public static void Check(string instanceId, string paramName = "instanceId")
    {
        ArgumentNullException.ThrowIfNull(instanceId, paramName);
        if (instanceId.Length is 0 or > MaxLength || CallerText.HasUnsafe(instanceId) || string.IsNullOrWhiteSpace(instanceId))
        {
            throw Invalid(instanceId, paramName);
        }
    }

    private static FlowInvalidIdException Invalid(string instanceId, string paramName)
    {
        var why = instanceId.Length == 0 ? "it is empty"
            : instanceId.Length > MaxLength ? $"it is longer than {MaxLength} characters"
            : CallerText.HasUnsafe(instanceId) ? "it holds control or format characters"
            : "it is blank";
        return new FlowInvalidIdException(NotAnInstanceId, $"'{CallerText.Shown(instanceId)}' is not an instance id ({why}); nothing was looked up or changed.", paramName);
    }
}
