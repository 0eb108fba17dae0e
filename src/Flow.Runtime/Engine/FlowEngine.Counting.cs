using System.Threading;
using System.Threading.Tasks;
using Flow.Instances;

namespace Flow.Engine;

/// <summary>Counting stored instances without loading them (the cockpit's total beside one page).</summary>
public sealed partial class FlowEngine
{
    /// <summary>How many stored instances match the filters of <paramref name="query"/> (see <see cref="IInstanceStore.CountAsync"/>).</summary>
    public ValueTask<int> CountAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        _store.CountAsync(query, cancellationToken);
}
