using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Flow.Instances;

namespace Flow.Engine;

/// <summary>
/// Walks over every instance a query matches, a batch at a time (keyset paging by id), so purging,
/// deleting upon undeploy and instance strategies never hold a large store's instances in memory at
/// once. Deleting or changing an instance already walked does not disturb the walk: the next batch
/// starts after the last id seen.
/// </summary>
public sealed partial class FlowEngine
{
    /// <summary>Instances loaded per batch by the engine's own walks over the store.</summary>
    internal const int StoreBatchSize = 500;

    private async IAsyncEnumerable<StoredInstance> InBatchesAsync(InstanceQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            var batch = await _store.QueryAsync(query with { Limit = StoreBatchSize, AfterId = after, Offset = null }, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                yield break;
            }

            // A store written before paging returns everything it matched: that is the whole walk.
            var pages = batch.Count <= StoreBatchSize;
            // One that pages but ignores AfterId would give the same batch for ever.
            if (pages && after is not null && batch.Any(instance => instance.Id == after))
            {
                throw new InvalidOperationException($"The instance store {_store.GetType().Name} gave instance '{CallerText.Shown(after)}' again for a query after it: it does not honour InstanceQuery.AfterId.");
            }

            foreach (var instance in batch)
            {
                yield return instance;
            }

            if (!pages || batch.Count < StoreBatchSize)
            {
                yield break;
            }

            after = batch[^1].Id;
        }
    }
}
