using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Flow;

/// <summary>
/// What a host reads of a saved state without its process: trace, waiting nodes, failure and
/// the data's JSON as saved. Read with the same code as a full state, the data skipped.
/// </summary>
internal sealed record StateSummary(List<string> Trace, List<string> WaitingAt, FailureState? Failure, string DataJson)
{
    public static StateSummary Of(string stateJson, bool ended) =>
        JsonBuffer.ReadUtf8(stateJson, ended, static (utf8, ended) =>
        {
            var state = InstanceStateJson.Read(utf8, SkippedData.Json, out var data);
            var waiting = new List<string>();
            if (!ended)
            {
                foreach (var token in state.Tokens)
                {
                    if (token.Wait is TokenWait.Task or TokenWait.Event or TokenWait.Call)
                    {
                        waiting.Add(token.NodeId);
                    }
                }
            }

            var (offset, length) = data.GetOffsetAndLength(utf8.Length);
            return new StateSummary(state.Trace, waiting, state.Failure, length == 0 ? "null" : Encoding.UTF8.GetString(utf8.Slice(offset, length)));
        });

    /// <summary>Stands for data that is not read.</summary>
    private sealed class SkippedData
    {
        public static readonly DataJson<SkippedData> Json = new SkipJson();

        private sealed class SkipJson : DataJson<SkippedData>
        {
            private static readonly SkippedData Skipped = new();

            public override void Write(Utf8JsonWriter writer, SkippedData data) => throw new NotSupportedException();

            public override SkippedData Read(ref Utf8JsonReader reader)
            {
                reader.Skip();
                return Skipped;
            }

            public override Action<SkippedData>? ReadOutput(ref Utf8JsonReader reader, string name) => null;
        }
    }
}
