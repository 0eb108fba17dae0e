using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// A start whose data object the engine made itself (read from the caller's JSON or UTF-8) and
/// hands to no one: the instance's state knows it (<see cref="InstanceState{TData}.DataOnlyInEngine"/>),
/// so the in-memory store can keep that object instead of a copy as long as no handler, condition,
/// script, expression or output was given it.
/// </summary>
internal interface IStartsWithOwnData
{
    /// <summary>Starts as <see cref="IFlowProcess.StartAsync"/> does, over data no code outside the engine holds.</summary>
    ValueTask<IFlowInstance> StartWithOwnDataAsync(object data, CancellationToken cancellationToken);
}

/// <summary>How the engine starts an instance over data it read itself.</summary>
internal static class OwnDataStart
{
    /// <summary>Starts <paramref name="process"/> over <paramref name="data"/>, which the engine just read and gives to no other code.</summary>
    public static ValueTask<IFlowInstance> StartAsync(IFlowProcess process, object data, CancellationToken cancellationToken) =>
        process is IStartsWithOwnData own ? own.StartWithOwnDataAsync(data, cancellationToken) : process.StartAsync(data, cancellationToken);
}
