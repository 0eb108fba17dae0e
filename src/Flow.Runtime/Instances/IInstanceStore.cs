using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Instances;

/// <summary>
/// Where instances live between calls. Narrow and transactional in shape so that SQLite and
/// PostgreSQL stores can implement it: load, save with an expected revision, query, delete.
/// </summary>
public interface IInstanceStore
{
    /// <summary>The instance, or null.</summary>
    ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves <paramref name="instance"/> if the stored revision is still <paramref name="expectedRevision"/>
    /// (0 for a new instance); the saved copy has revision expectedRevision + 1. False when someone
    /// else saved first: reload and decide again.
    /// </summary>
    ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Instances matching every given filter, ordered by id; of those, the ones after
    /// <see cref="InstanceQuery.AfterId"/>, skipping <see cref="InstanceQuery.Offset"/>, at most
    /// <see cref="InstanceQuery.Limit"/> (the stores load no more than that).
    /// </summary>
    ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many instances match the filters of <paramref name="query"/> (its <see cref="InstanceQuery.Limit"/>,
    /// <see cref="InstanceQuery.Offset"/> and <see cref="InstanceQuery.AfterId"/> do not count). The built-in
    /// stores count without loading an instance; this default, for other stores, loads them all.
    /// </summary>
    async ValueTask<int> CountAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        (await QueryAsync(query.Unpaged(), cancellationToken).ConfigureAwait(false)).Count;

    /// <summary>Deletes an instance; false when there was none.</summary>
    ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>A filter over stored instances; null fields match everything.</summary>
public sealed record InstanceQuery(string? ProcessKey = null, string? DeploymentName = null, int? DeploymentVersion = null, InstanceStatus? Status = null)
{
    /// <summary>Only instances of this tenant (<see cref="StoredInstance.TenantId"/>); null: of every tenant and none.</summary>
    public string? TenantId { get; init; }

    /// <summary>Only instances with a matching subscription (see <see cref="SubscriptionFilter"/>).</summary>
    public SubscriptionFilter? Subscribed { get; init; }

    /// <summary>
    /// At most this many instances (at least 1); null: all. Each store loads no more than this, so a
    /// caller facing a large store (a list on screen) pages with it instead of loading everything.
    /// </summary>
    public int? Limit
    {
        get => _limit;
        init => _limit = value is < 1 ? throw new ArgumentOutOfRangeException(nameof(Limit), value, "A limit is at least 1.") : value;
    }

    /// <summary>
    /// Keyset paging: only instances whose id sorts after this one (the id of the last instance of the
    /// previous page), in the store's id order. Cheap on every store however deep the page: the id is the
    /// primary key. Ids are compared as the store orders them: ordinally in memory, by UTF-8 bytes in
    /// SQLite and PostgreSQL (the same for every id without characters above U+FFFF).
    /// </summary>
    public string? AfterId { get; init; }

    /// <summary>Skips this many matching instances first (0 or more); deep offsets cost the database a scan, prefer <see cref="AfterId"/>.</summary>
    public int? Offset
    {
        get => _offset;
        init => _offset = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(Offset), value, "An offset is 0 or more.") : value;
    }

    private readonly int? _limit;
    private readonly int? _offset;

    /// <summary>The same filters without limit, offset and after-id.</summary>
    public InstanceQuery Unpaged() => this with { Limit = null, Offset = null, AfterId = null };

    /// <summary>Whether the query asks for part of the matching instances.</summary>
    internal bool IsPaged => _limit is not null || _offset is not null || AfterId is not null;
}
