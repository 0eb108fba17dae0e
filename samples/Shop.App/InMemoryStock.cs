using Shop.Contracts;

namespace Shop.App;

internal sealed class InMemoryStock(Dictionary<string, int> items) : IStock
{
    public ValueTask<bool> ReserveAsync(string sku, CancellationToken cancellationToken)
    {
        if (items.TryGetValue(sku, out var count) && count > 0)
        {
            items[sku] = count - 1;
            return ValueTask.FromResult(true);
        }

        return ValueTask.FromResult(false);
    }
}
