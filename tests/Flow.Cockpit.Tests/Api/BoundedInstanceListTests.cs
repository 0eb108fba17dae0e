using System.Collections.Concurrent;
using System.Net;
using Flow.Cockpit.Tests.Infrastructure;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;
using Shop.Web;

namespace Flow.Cockpit.Tests.Api;

/// <summary>
/// The instance list over a store with many instances (ops12): every request asks the store for at
/// most a page plus one (or a bounded batch when filtering by waiting node), counts the total with the
/// store's count, and pages either by page number or by the id in <c>next</c>; a page size over the
/// ceiling is a 400 even when the options allow more.
/// </summary>
public sealed class BoundedInstanceListTests : IAsyncLifetime
{
    private const int Stored = 1200;
    private readonly CountingStore _store = new(new InMemoryInstanceStore(new InstanceRetention { MaxEnded = 100_000 }));
    private readonly CockpitFactory _factory;
    private List<string> _ids = [];

    public BoundedInstanceListTests()
    {
        _factory = new CockpitFactory
        {
            ConfigureServices = services => services.AddSingleton<IInstanceStore>(_store),
            ConfigureCockpit = options => options.MaxPageSize = 10_000,   // the cockpit's own ceiling still holds
        };
    }

    public async Task InitializeAsync()
    {
        // One real instance, stored again under other ids: a large store without starting 1,200 flows.
        var first = (await _factory.StartOrdersAsync(1))[0];
        var stored = (await _store.LoadAsync(first))!;
        for (var i = 1; i < Stored; i++)
        {
            var copy = new StoredInstance($"{first}-{i:x4}", stored.ProcessKey, stored.DeploymentName, stored.DeploymentVersion, stored.DefinitionHash, stored.Status, stored.StateJson, 0);
            Assert.True(await _store.TrySaveAsync(copy, 0));
        }

        _ids = (await _store.QueryAsync(new InstanceQuery(OrderReview.Key))).Select(i => i.Id).ToList();
        Assert.Equal(Stored, _ids.Count);
        _store.Reset();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private HttpClient Reader => _factory.As("reader");

    private static List<string> Ids(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task A_page_loads_at_most_the_page_plus_one_and_the_total_is_counted()
    {
        var page = await Reader.JsonAsync($"/flows/api/instances?key={OrderReview.Key}&pageSize=50&page=3");

        Assert.Equal(Stored, page.GetProperty("total").GetInt32());
        Assert.Equal(_ids.Skip(100).Take(50), Ids(page));
        Assert.Equal(_ids[149], page.GetProperty("next").GetString());
        Assert.All(_store.Queries, q => Assert.True(q.Limit is <= 51, $"asked for {q.Limit?.ToString() ?? "everything"}"));
        Assert.True(_store.MostLoaded <= 51, $"one query loaded {_store.MostLoaded} instances");
        Assert.True(_store.Counts >= 1);
    }

    [Fact]
    public async Task Following_next_walks_every_instance_once_in_id_order()
    {
        var walked = new List<string>();
        var page = await Reader.JsonAsync($"/flows/api/instances?key={OrderReview.Key}&pageSize=200");
        walked.AddRange(Ids(page));
        while (page.GetProperty("next").GetString() is { } next)
        {
            page = await Reader.JsonAsync($"/flows/api/instances?key={OrderReview.Key}&pageSize=200&after={Uri.EscapeDataString(next)}");
            walked.AddRange(Ids(page));
            Assert.Equal(Stored, page.GetProperty("total").GetInt32());
        }

        Assert.Equal(_ids, walked);
        Assert.True(_store.MostLoaded <= 201, $"one query loaded {_store.MostLoaded} instances");
    }

    [Fact]
    public async Task A_waiting_node_filter_reads_bounded_batches()
    {
        var page = await Reader.JsonAsync($"/flows/api/instances?key={OrderReview.Key}&waitingAt=Task_Approve&pageSize=10&page=2");

        Assert.Equal(Stored, page.GetProperty("total").GetInt32());
        Assert.Equal(_ids.Skip(10).Take(10), Ids(page));
        Assert.All(_store.Queries, q => Assert.True(q.Limit is <= 500, $"asked for {q.Limit?.ToString() ?? "everything"}"));

        var after = await Reader.JsonAsync($"/flows/api/instances?key={OrderReview.Key}&waitingAt=Task_Approve&pageSize=10&after={_ids[1194]}");
        Assert.Equal(_ids.Skip(1195), Ids(after));
        Assert.Null(after.GetProperty("next").GetString());
        Assert.Equal(Stored, after.GetProperty("total").GetInt32());
        Assert.Empty(Ids(await Reader.JsonAsync($"/flows/api/instances?key={OrderReview.Key}&waitingAt=Task_Ship&pageSize=10")));
    }

    [Theory]
    [InlineData("pageSize=501")]
    [InlineData("pageSize=100000")]
    [InlineData("pageSize=10&page=2&after=x")]
    public async Task Oversized_pages_and_page_with_after_are_400(string query)
    {
        var problem = await Reader.JsonAsync($"/flows/api/instances?{query}", HttpStatusCode.BadRequest);

        Http.AssertProblem(problem, "FLOW6405", 400);
        Assert.Empty(_store.Queries);
    }

    /// <summary>A real store that records what each query asked for and how many instances it returned.</summary>
    private sealed class CountingStore(IInstanceStore inner) : IInstanceStore
    {
        public ConcurrentQueue<InstanceQuery> Queries { get; } = new();

        public int MostLoaded;

        public int Counts;

        public void Reset()
        {
            Queries.Clear();
            MostLoaded = 0;
            Counts = 0;
        }

        public ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default) => inner.LoadAsync(id, cancellationToken);

        public ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default) => inner.TrySaveAsync(instance, expectedRevision, cancellationToken);

        public async ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
        {
            Queries.Enqueue(query);
            var result = await inner.QueryAsync(query, cancellationToken);
            InterlockedMax(ref MostLoaded, result.Count);
            return result;
        }

        public ValueTask<int> CountAsync(InstanceQuery query, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Counts);
            return inner.CountAsync(query, cancellationToken);
        }

        public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
