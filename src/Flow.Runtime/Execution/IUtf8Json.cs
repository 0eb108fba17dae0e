using System;
using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// A process that reads its data from UTF-8 JSON (a host's request body, a caller's own type
/// written with its own <c>JsonTypeInfo</c>) without a string in between. Internal, so
/// <see cref="IFlowProcess"/> gains no member a host's own implementation would lack.
/// </summary>
internal interface IReadsUtf8Data
{
    /// <summary>The data (of <see cref="IFlowProcess.DataType"/>) read from a JSON object.</summary>
    object DataFromUtf8(ReadOnlySpan<byte> utf8Json);
}

/// <summary>An instance that completes a wait state with its outputs as UTF-8 JSON (see <see cref="IReadsUtf8Data"/>).</summary>
internal interface ICompletesWithUtf8
{
    /// <summary>
    /// Reads and checks <paramref name="outputUtf8"/> before it returns (the bytes are not used
    /// after that), then runs on as <see cref="IFlowInstance.CompleteWithJsonAsync"/> does.
    /// </summary>
    ValueTask CompleteWithUtf8Async(string nodeId, ReadOnlySpan<byte> outputUtf8, CancellationToken cancellationToken);
}
