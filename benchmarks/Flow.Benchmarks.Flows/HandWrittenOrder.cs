using System.Threading;
using System.Threading.Tasks;

namespace Flow.Benchmarks.Flows;

/// <summary>The order process written by hand: the same handler calls, in the same order, with the same data.</summary>
public sealed class HandWrittenOrder
{
    public async ValueTask RunAsync(OrderProcess.Data data, CancellationToken cancellationToken = default)
    {
        await ValidateOrder(data, cancellationToken);
        await CheckStock(data, cancellationToken);
        await CalculatePrice(data, cancellationToken);
        if (data.amount > 1000)
        {
            await ManualReview(data, cancellationToken);
        }
        else
        {
            await AutoApprove(data, cancellationToken);
        }

        await SendInvoice(data, cancellationToken);
        await ScheduleShipment(data, cancellationToken);
    }

    private static ValueTask ValidateOrder(OrderProcess.Data data, CancellationToken cancellationToken) => Step(data);

    private static ValueTask CheckStock(OrderProcess.Data data, CancellationToken cancellationToken) => Step(data);

    private static ValueTask CalculatePrice(OrderProcess.Data data, CancellationToken cancellationToken) => Step(data);

    private static ValueTask ManualReview(OrderProcess.Data data, CancellationToken cancellationToken) => Step(data);

    private static ValueTask AutoApprove(OrderProcess.Data data, CancellationToken cancellationToken) => Step(data);

    private static ValueTask SendInvoice(OrderProcess.Data data, CancellationToken cancellationToken) => Step(data);

    private static ValueTask ScheduleShipment(OrderProcess.Data data, CancellationToken cancellationToken) => Step(data);

    private static ValueTask Step(OrderProcess.Data data)
    {
        data.steps++;
        return default;
    }
}
