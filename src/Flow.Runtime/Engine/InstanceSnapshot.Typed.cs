using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flow.Engine;

public sealed partial record InstanceSnapshot
{
    /// <summary>
    /// The data read into a type of the caller's own (its members named as the process's
    /// variables; others are ignored or refused as <paramref name="typeInfo"/> says), the way back
    /// of <see cref="FlowEngine.StartAsync{TData}(string, TData, JsonTypeInfo{TData}, int?, string?, System.Threading.CancellationToken)"/>.
    /// </summary>
    public TData? ReadData<TData>(JsonTypeInfo<TData> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return JsonSerializer.Deserialize(DataJson, typeInfo);
    }
}
