using System.Collections.Generic;
using System.Text.Json;

namespace Flow;

/// <summary>
/// Where a saved state waits and where it failed, read without the rest: only the top-level
/// <c>Tokens</c> (each token's <c>NodeId</c> and <c>Wait</c>) and <c>Failure.NodeId</c>; the data,
/// trace, scopes and everything else are skipped unread. The same waits as
/// <see cref="StateSummary"/> (a task, event or call), for counting over many instances.
/// </summary>
internal static class WaitingNodes
{
    /// <summary>Adds the waiting nodes to <paramref name="waiting"/> (unless <paramref name="ended"/>); returns the failure's node, or null.</summary>
    public static string? Read(string stateJson, bool ended, List<string> waiting) =>
        JsonBuffer.ReadUtf8(stateJson, (ended, waiting), static (utf8, state) =>
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
            string? failedAt = null;
            reader.Read();   // the state object
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Tokens"))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        ReadTokens(ref reader, state.ended ? null : state.waiting);
                        continue;
                    }
                }
                else if (reader.ValueTextEquals("Failure"))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        failedAt = ReadFailureNode(ref reader);
                        continue;
                    }
                }
                else
                {
                    reader.Read();
                }

                reader.Skip();
            }

            return failedAt;
        });

    private static void ReadTokens(ref Utf8JsonReader reader, List<string>? waiting)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? node = null;
            var waits = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("NodeId"))
                {
                    reader.Read();
                    node = waiting is null ? null : reader.GetString();
                }
                else if (reader.ValueTextEquals("Wait"))
                {
                    reader.Read();
                    waits = reader.ValueTextEquals("Task") || reader.ValueTextEquals("Event") || reader.ValueTextEquals("Call");
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (waits && node is not null)
            {
                waiting!.Add(node);
            }
        }
    }

    private static string? ReadFailureNode(ref Utf8JsonReader reader)
    {
        string? node = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("NodeId"))
            {
                reader.Read();
                node = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return node;
    }
}
