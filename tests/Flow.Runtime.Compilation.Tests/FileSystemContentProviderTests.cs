using Flow.Compilation;

namespace Flow.Runtime.Compilation.Tests;

public class FileSystemContentProviderTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_watched_folder_deploys_each_change_and_a_bad_edit_leaves_the_live_version_serving()
    {
        var folder = Directory.CreateTempSubdirectory("flow-content-watch-");
        using var stop = new CancellationTokenSource();
        var host = new ContentHost();
        var path = Path.Combine(folder.FullName, "order.bpmn");
        await File.WriteAllTextAsync(path, OrderDiagrams.Order());
        var running = host.Deployer.RunAsync(new FileSystemContentProvider(folder.FullName) { PollInterval = TimeSpan.FromMilliseconds(200) }, stop.Token);
        try
        {
            await Until(() => host.Completed.Count == 1);
            Assert.Equal(1, host.Registry.Latest["order"].Version);

            await File.WriteAllTextAsync(path, OrderDiagrams.Order(rule: "amount &lt;= 10000"));
            await Until(() => host.Registry.Latest["order"].Version == 2);

            await File.WriteAllTextAsync(path, OrderDiagrams.Order(rule: "amout &lt;= 10000"));
            await Until(() => host.Failed.Count >= 1);
            Assert.Equal(2, host.Registry.Latest["order"].Version);
            Assert.Contains(host.Failed[0].Diagnostics, d => d.Id == "CS0103");

            // The deployer keeps watching after a refusal.
            await File.WriteAllTextAsync(path, OrderDiagrams.Order(rule: "amount &lt;= 5"));
            await Until(() => host.Registry.Latest["order"].Version == 3);
            Assert.False(running.IsCompleted);
        }
        finally
        {
            await stop.CancelAsync();
            await running.WaitAsync(Limit);
            folder.Delete(recursive: true);
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(Limit);
        while (!condition())
        {
            await Task.Delay(50, limit.Token);
        }
    }
}
