using System.Collections.Concurrent;

namespace Flow.Execution.Tests;

/// <summary>Instance ids come from a per-thread buffer of random bytes, not one system call each; they must still be random GUIDs in the "N" form, never repeated.</summary>
public class InstanceIdTests
{
    [Fact]
    public async Task Ids_are_distinct_version_4_guids_in_the_n_form_across_threads()
    {
        var ids = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                ids.Add(InstanceIds.New());
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(20_000, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id =>
        {
            Assert.Matches("^[0-9a-f]{32}$", id);
            var guid = Guid.ParseExact(id, "N");
            Assert.Equal(4, guid.Version);
            Assert.Equal(id, guid.ToString("N"));
            Assert.Contains(id[16], "89ab");   // the RFC 4122 variant
        });
    }
}
