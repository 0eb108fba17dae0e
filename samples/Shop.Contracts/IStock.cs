namespace Shop.Contracts;

/// <summary>A host service the order process uses (injected through its constructor).</summary>
public interface IStock
{
    ValueTask<bool> ReserveAsync(string sku, CancellationToken cancellationToken);
}
