using System.Threading;
using System.Threading.Tasks;
using Flow;

namespace Flow.Benchmarks.Flows;

/// <summary>
/// Handlers of the generated order process. Each does the same trivial work as
/// <see cref="HandWrittenOrder"/>'s, so the difference is the engine's cost alone.
/// </summary>
public partial class OrderProcess
{
    private partial ValueTask ValidateOrder(TaskContext<Data> context, CancellationToken cancellationToken) => Step(context.Data);

    private partial ValueTask CheckStock(TaskContext<Data> context, CancellationToken cancellationToken) => Step(context.Data);

    private partial ValueTask CalculatePrice(TaskContext<Data> context, CancellationToken cancellationToken) => Step(context.Data);

    private partial ValueTask ManualReview(TaskContext<Data> context, CancellationToken cancellationToken) => Step(context.Data);

    private partial ValueTask AutoApprove(TaskContext<Data> context, CancellationToken cancellationToken) => Step(context.Data);

    private partial ValueTask SendInvoice(TaskContext<Data> context, CancellationToken cancellationToken) => Step(context.Data);

    private partial ValueTask ScheduleShipment(TaskContext<Data> context, CancellationToken cancellationToken) => Step(context.Data);

    private static ValueTask Step(Data data)
    {
        data.steps++;
        return default;
    }
}
