using Shop.Contracts;

namespace Shop.Flows;

/// <summary>
/// The handwritten half of the order process; the other half is generated from order.bpmn.
/// Each service-like task of the diagram is one method here.
/// </summary>
public partial class OrderProcess
{
    private readonly IStock _stock;
    private readonly Action<string> _log;

    public OrderProcess(IStock stock, Action<string> log)
    {
        _stock = stock;
        _log = log;
    }

    private partial async ValueTask CheckStock(Flow.TaskContext<Data> context, CancellationToken cancellationToken)
    {
        context.Data.inStock = await _stock.ReserveAsync(context.Data.sku, cancellationToken);
        _log($"  checked stock of {context.Data.sku}: {(context.Data.inStock ? "reserved" : "none left")}");
    }

    private partial ValueTask SendInvoice(Flow.TaskContext<Data> context, CancellationToken cancellationToken)
    {
        _log($"  invoice of {context.Data.amount:0.00} sent to {context.Data.customer}");
        return ValueTask.CompletedTask;
    }

    private partial ValueTask ScheduleShipment(Flow.TaskContext<Data> context, CancellationToken cancellationToken)
    {
        _log($"  shipment of {context.Data.sku} scheduled");
        return ValueTask.CompletedTask;
    }
}
