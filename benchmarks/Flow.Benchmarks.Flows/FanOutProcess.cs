using System.Threading;
using System.Threading.Tasks;
using Flow;

namespace Flow.Benchmarks.Flows;

/// <summary>The handler of the multi-instance measurement: it gets each element typed.</summary>
public partial class FanOutProcess
{
    private partial ValueTask Price(TaskContext<Data> context, int item, CancellationToken cancellationToken)
    {
        context.Data.sum += item;
        return default;
    }
}
