using Shop.Contracts;

namespace Shop.Host;

/// <summary>The host's stock service, injected into every version of the order process.</summary>
internal sealed class Stock : IStock
{
    private int _reserved;

    public ValueTask<bool> ReserveAsync(string sku, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Interlocked.Increment(ref _reserved) > 0);
}
