using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Engine;

/// <summary>
/// Start data and completion outputs as UTF-8 JSON, a <see cref="JsonElement"/>, or a value of
/// the caller's own type with its <see cref="JsonTypeInfo{T}"/>, read by the flow's generated
/// <see cref="DataJson{TData}"/> reader without a string in between. Only bytes cross into the
/// flow's load context: the caller's type is written by the caller's own metadata, and the flow's
/// data type (which the caller cannot name without pinning a collectible assembly) never leaves it.
/// </summary>
public sealed partial class FlowEngine
{
#if NET9_0_OR_GREATER
    // .NET 8: without OverloadResolutionPriority (C# 12), CompleteAsync(id, node, null) would be ambiguous with these.
    /// <summary>
    /// Starts an instance as <see cref="StartAsync(string, string, int?, string?, CancellationToken)"/> does, with its data
    /// as a UTF-8 JSON object (e.g. a request body; a byte order mark is skipped). The bytes are read before the first await.
    /// </summary>
    public Task<InstanceSnapshot> StartAsync(string key, ReadOnlyMemory<byte> utf8Data, int? deploymentVersion = null, string? tenantId = null, CancellationToken cancellationToken = default) =>
        StartAsync(key, new Utf8StartData(utf8Data), deploymentVersion, tenantId, cancellationToken);
#endif

    /// <summary>
    /// Starts an instance as <see cref="StartAsync(string, string, int?, string?, CancellationToken)"/> does, with its data
    /// as a JSON object element (e.g. what ASP.NET binds a body to); its raw UTF-8 text is read, not copied to a string.
    /// </summary>
    public Task<InstanceSnapshot> StartAsync(string key, JsonElement data, int? deploymentVersion = null, string? tenantId = null, CancellationToken cancellationToken = default) =>
        StartAsync(key, new ElementStartData(data), deploymentVersion, tenantId, cancellationToken);

    /// <summary>
    /// Starts an instance as <see cref="StartAsync(string, string, int?, string?, CancellationToken)"/> does, with its data
    /// as a value of the caller's own type: written with <paramref name="typeInfo"/> (e.g. from a source-generated
    /// <c>JsonSerializerContext</c>) into a reused buffer and read by the flow's data reader by member name.
    /// </summary>
    public Task<InstanceSnapshot> StartAsync<TData>(string key, TData data, JsonTypeInfo<TData> typeInfo, int? deploymentVersion = null, string? tenantId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return StartAsync(key, new TypedStartData<TData>(data, typeInfo), deploymentVersion, tenantId, cancellationToken);
    }

#if NET9_0_OR_GREATER
    /// <summary>
    /// Completes a wait state as <see cref="CompleteAsync(string, string, string?, CancellationToken)"/> does, with its
    /// outputs as a UTF-8 JSON object (empty or blank bytes: no output). The bytes are read once the instance is loaded:
    /// keep them unchanged until the task completes.
    /// </summary>
    public Task<InstanceSnapshot> CompleteAsync(string instanceId, string nodeId, ReadOnlyMemory<byte> utf8Output, CancellationToken cancellationToken = default) =>
        ChangeAsync(instanceId, "flow.complete", new CompleteUtf8Change(nodeId, utf8Output), cancellationToken);
#endif

    /// <summary>
    /// Completes a wait state as <see cref="CompleteAsync(string, string, string?, CancellationToken)"/> does, with its
    /// outputs as a JSON object element (JSON null or a default element: no output). Its document must stay undisposed
    /// until the task completes.
    /// </summary>
    public Task<InstanceSnapshot> CompleteAsync(string instanceId, string nodeId, JsonElement output, CancellationToken cancellationToken = default) =>
        ChangeAsync(instanceId, "flow.complete", new CompleteElementChange(nodeId, output), cancellationToken);

    /// <summary>
    /// Completes a wait state as <see cref="CompleteAsync(string, string, string?, CancellationToken)"/> does, with its
    /// outputs as a value of the caller's own type (its members named as the node's declared outputs; null: no output),
    /// written with <paramref name="typeInfo"/> into a reused buffer.
    /// </summary>
    public Task<InstanceSnapshot> CompleteAsync<TOutput>(string instanceId, string nodeId, TOutput output, JsonTypeInfo<TOutput> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return ChangeAsync(instanceId, "flow.complete", new CompleteTypedChange<TOutput>(nodeId, output, typeInfo), cancellationToken);
    }

    /// <summary>The start data of a command, read by the process it starts (synchronously, before anything awaits).</summary>
    private interface IStartData
    {
        object Read(IFlowProcess process);
    }

    private readonly struct TextStartData(string json) : IStartData
    {
        public object Read(IFlowProcess process) => process.DataFromJson(json);
    }

    private readonly struct Utf8StartData(ReadOnlyMemory<byte> utf8) : IStartData
    {
        public object Read(IFlowProcess process) => DataFromUtf8(process, utf8.Span);
    }

    private readonly struct ElementStartData(JsonElement element) : IStartData
    {
        public object Read(IFlowProcess process) =>
            element.ValueKind == JsonValueKind.Undefined
                ? throw new ArgumentException("The data element has no value (a default JsonElement).", "data")
                : DataFromUtf8(process, element);
    }

    private readonly struct TypedStartData<TData>(TData data, JsonTypeInfo<TData> typeInfo) : IStartData
    {
        public object Read(IFlowProcess process)
        {
            var buffer = JsonBuffer.Rent();
            try
            {
                JsonSerializer.Serialize(buffer.Writer, data, typeInfo);
                return DataFromUtf8(process, buffer.Written);
            }
            finally
            {
                buffer.Return();
            }
        }
    }

    /// <summary>Completes a wait state with its outputs as UTF-8 JSON.</summary>
    private readonly struct CompleteUtf8Change(string nodeId, ReadOnlyMemory<byte> output) : IInstanceChange
    {
        public ValueTask ApplyAsync(IFlowInstance instance, CancellationToken cancellationToken) =>
            CompleteWithUtf8Async(instance, nodeId, output.Span, cancellationToken);
    }

    /// <summary>Completes a wait state with its outputs as a JSON element.</summary>
    private readonly struct CompleteElementChange(string nodeId, JsonElement output) : IInstanceChange
    {
        public ValueTask ApplyAsync(IFlowInstance instance, CancellationToken cancellationToken) =>
            output.ValueKind == JsonValueKind.Undefined
                ? CompleteWithUtf8Async(instance, nodeId, default, cancellationToken)
                : CompleteWithElementAsync(instance, nodeId, output, cancellationToken);
    }

    /// <summary>Completes a wait state with its outputs as a value of the caller's type.</summary>
    private readonly struct CompleteTypedChange<TOutput>(string nodeId, TOutput output, JsonTypeInfo<TOutput> typeInfo) : IInstanceChange
    {
        public ValueTask ApplyAsync(IFlowInstance instance, CancellationToken cancellationToken)
        {
            var buffer = JsonBuffer.Rent();
            try
            {
                JsonSerializer.Serialize(buffer.Writer, output, typeInfo);
            }
            catch
            {
                buffer.Return();
                throw;
            }

            return CompleteWithCopyAsync(instance, nodeId, buffer, cancellationToken);
        }
    }

    /// <summary>Every generated process reads UTF-8 directly; any other implementation gets the text.</summary>
    private static object DataFromUtf8(IFlowProcess process, ReadOnlySpan<byte> utf8) =>
        process is IReadsUtf8Data reads ? reads.DataFromUtf8(utf8) : process.DataFromJson(Encoding.UTF8.GetString(utf8));

#if NET9_0_OR_GREATER
    /// <summary>The element's own bytes (no copy).</summary>
    private static object DataFromUtf8(IFlowProcess process, JsonElement element) => DataFromUtf8(process, JsonMarshal.GetRawUtf8Value(element));

    private static ValueTask CompleteWithElementAsync(IFlowInstance instance, string nodeId, JsonElement output, CancellationToken cancellationToken) =>
        CompleteWithUtf8Async(instance, nodeId, JsonMarshal.GetRawUtf8Value(output), cancellationToken);
#else
    /// <summary>.NET 8 has no view of an element's bytes: they are written into a reused buffer.</summary>
    private static object DataFromUtf8(IFlowProcess process, JsonElement element)
    {
        var buffer = JsonBuffer.Rent();
        try
        {
            element.WriteTo(buffer.Writer);
            return DataFromUtf8(process, buffer.Written);
        }
        finally
        {
            buffer.Return();
        }
    }

    private static ValueTask CompleteWithElementAsync(IFlowInstance instance, string nodeId, JsonElement output, CancellationToken cancellationToken)
    {
        var buffer = JsonBuffer.Rent();
        try
        {
            output.WriteTo(buffer.Writer);
        }
        catch
        {
            buffer.Return();
            throw;
        }

        return CompleteWithCopyAsync(instance, nodeId, buffer, cancellationToken);
    }
#endif

    /// <summary>
    /// Completes with the outputs written into <paramref name="buffer"/> (the thread's, which this
    /// returns): copied out and the buffer returned first, so the handlers the completion runs find
    /// it free (the bytes are read before the run starts; the pooled copy goes back when the call returns).
    /// </summary>
    private static ValueTask CompleteWithCopyAsync(IFlowInstance instance, string nodeId, JsonBuffer buffer, CancellationToken cancellationToken)
    {
        var written = buffer.Written;
        var length = written.Length;
        var copy = ArrayPool<byte>.Shared.Rent(length);
        written.CopyTo(copy);
        buffer.Return();
        try
        {
            return CompleteWithUtf8Async(instance, nodeId, copy.AsSpan(0, length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private static ValueTask CompleteWithUtf8Async(IFlowInstance instance, string nodeId, ReadOnlySpan<byte> utf8, CancellationToken cancellationToken) =>
        instance is ICompletesWithUtf8 completes
            ? completes.CompleteWithUtf8Async(nodeId, utf8, cancellationToken)
            : instance.CompleteWithJsonAsync(nodeId, Encoding.UTF8.GetString(utf8), cancellationToken);
}
