using System.Text.Json.Nodes;

namespace Flow.Engine;

/// <summary>Rewrites a saved instance state as aborted (pure: JSON in, JSON out).</summary>
internal static class AbortedState
{
    /// <summary>Status Aborted, and every token of every scope ends, as for any abnormal end: nothing is left waiting.</summary>
    public static string Of(string stateJson)
    {
        var state = JsonNode.Parse(stateJson)!.AsObject();
        state["Status"] = nameof(InstanceStatus.Aborted);
        state["Tokens"] = new JsonArray();
        state["Scopes"] = new JsonArray();
        state["Subscriptions"] = new JsonArray();
        state.Remove("Timers");
        return state.ToJsonString();
    }
}
