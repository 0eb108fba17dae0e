using System.Collections.Generic;

namespace Flow;

/// <summary>The FLOW624x ids of handlers bound by name (documented in docs/diagnostics.md).</summary>
public static class HandlerErrors
{
    /// <summary>A deployment binds a task to a handler name the host has not registered: refused before it goes live.</summary>
    public const string MissingBinding = "FLOW6240";

    /// <summary>A task bound by name ran without such a handler (a process used without the registry's check).</summary>
    public const string HandlerNotFound = "FLOW6241";

    /// <summary>A JSON handler's changes do not fit the data (an unknown member or a value of the wrong type).</summary>
    public const string JsonChangeRefused = "FLOW6242";

    /// <summary>The instance-time ids with their titles, with the inputs' (<see cref="InputErrors"/>; FLOW6240 is a deployment refusal: <see cref="Deployment.DeploymentErrors"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [HandlerNotFound] = "No handler registered under a task's binding",
        [JsonChangeRefused] = "JSON handler's change does not fit the data",
        [InputErrors.NoSuchInput] = InputErrors.All[InputErrors.NoSuchInput],
        [InputErrors.WrongType] = InputErrors.All[InputErrors.WrongType],
        [InputErrors.SetRefused] = InputErrors.All[InputErrors.SetRefused],
        [InputErrors.JsonInputChangeRefused] = InputErrors.All[InputErrors.JsonInputChangeRefused],
    };
}
