using System;
using System.Collections.Generic;

namespace Flow;

/// <summary>
/// A loop or multi-instance activity in progress: one per token at such an activity. Its size
/// does not grow with the elements except for <see cref="Done"/>, one bit per element of a
/// parallel multi-instance wait state.
/// </summary>
public sealed class LoopState
{
    /// <summary>The token at the activity.</summary>
    public int TokenId { get; set; }

    /// <summary>The activity.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Standard loop, parallel or sequential multi-instance (migration keeps it only on a node of the same type).</summary>
    public LoopType Type { get; set; }

    /// <summary>How many elements the multi-instance has; -1 for a standard loop.</summary>
    public int Instances { get; set; }

    /// <summary>How many elements (or iterations) have completed.</summary>
    public int Completed { get; set; }

    /// <summary>For a parallel multi-instance wait state: which elements have completed, one bit per element (null otherwise).</summary>
    public byte[]? Done { get; set; }

    /// <summary>
    /// For a loop or multi-instance wait state with <c>camunda:inputOutput</c>: the input parameters
    /// (JSON) of each waiting element by its index, evaluated when the element starts to wait and
    /// removed when it completes (null when none wait with inputs).
    /// </summary>
    public SortedDictionary<int, string>? Inputs { get; set; }

    internal bool IsDone(int index) => Done is { } done && (done[index >> 3] & (1 << (index & 7))) != 0;

    internal void MarkDone(int index)
    {
        Done ??= new byte[(Instances + 7) >> 3];
        Done[index >> 3] |= (byte)(1 << (index & 7));
    }

    internal bool IsWaitingAt(int index, bool parallel) =>
        parallel ? index >= 0 && index < Instances && !IsDone(index) : index == Completed;

    internal static int[] Waiting(LoopState loop, bool parallel)
    {
        if (!parallel)
        {
            return new[] { loop.Completed };
        }

        var waiting = new int[loop.Instances - loop.Completed];
        var n = 0;
        for (var i = 0; i < loop.Instances && n < waiting.Length; i++)
        {
            if (!loop.IsDone(i))
            {
                waiting[n++] = i;
            }
        }

        return n == waiting.Length ? waiting : waiting.AsSpan(0, n).ToArray();
    }
}
