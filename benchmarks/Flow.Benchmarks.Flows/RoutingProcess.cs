using System.Threading;
using System.Threading.Tasks;
using Flow;

namespace Flow.Benchmarks.Flows;

/// <summary>Handlers of the generated four-handler process; the same trivial work as <see cref="HandWrittenRouting"/>'s.</summary>
public partial class RoutingProcess
{
    private partial ValueTask Receive(TaskContext<Data> context, CancellationToken cancellationToken) => Step(context.Data);

    private partial ValueTask Review(TaskContext<Data> context, CancellationToken cancellationToken) => Step(context.Data);

    private partial ValueTask Approve(TaskContext<Data> context, CancellationToken cancellationToken) => Step(context.Data);

    private partial ValueTask Ship(TaskContext<Data> context, CancellationToken cancellationToken) => Step(context.Data);

    private static ValueTask Step(Data data)
    {
        data.steps++;
        return default;
    }
}

/// <summary>The four-handler process written by hand: the same handler calls, in the same order, with the same data.</summary>
public sealed class HandWrittenRouting
{
    public async ValueTask RunAsync(RoutingProcess.Data data, CancellationToken cancellationToken = default)
    {
        await Receive(data, cancellationToken);
        if (data.amount > 1000)
        {
            await Review(data, cancellationToken);
        }
        else
        {
            await Approve(data, cancellationToken);
        }

        await Ship(data, cancellationToken);
    }

    private static ValueTask Receive(RoutingProcess.Data data, CancellationToken cancellationToken) => Step(data);

    private static ValueTask Review(RoutingProcess.Data data, CancellationToken cancellationToken) => Step(data);

    private static ValueTask Approve(RoutingProcess.Data data, CancellationToken cancellationToken) => Step(data);

    private static ValueTask Ship(RoutingProcess.Data data, CancellationToken cancellationToken) => Step(data);

    private static ValueTask Step(RoutingProcess.Data data)
    {
        data.steps++;
        return default;
    }
}
