using System.Text.Json;
using System.Threading.Channels;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Engine;
using Flow.Hosting;
using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>
/// A second node in its own process: its own registry and engine, only the SQLite file shared.
/// It follows the file's deployment log and prints one line per change, until its stdin closes:
/// <c>ready</c> once it has caught up, <c>served VERSION MARKS</c> after it started an instance
/// of "order" on a newly activated version, <c>undeployed NAME</c>, <c>failed ID</c>.
/// </summary>
internal static class DeploymentNode
{
    public const string FollowDeployments = "follow-deployments";

    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<int> RunAsync(string file)
    {
        using var store = new SqliteDeploymentStore(file);
        var registry = new DeploymentRegistry { DeploymentStore = store, NodeId = "child" };
        var engine = new FlowEngine(registry, new InMemoryInstanceStore());
        var changes = Channel.CreateUnbounded<DeploymentEvent>();
        registry.Changed += e => changes.Writer.TryWrite(e);
        await using var follower = new DeploymentLogFollower(registry, interval: PollInterval);
        await follower.StartAsync();
        Console.WriteLine("ready");

        // Ends when the parent closes stdin (or dies).
        var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
        while (true)
        {
            var next = changes.Reader.ReadAsync().AsTask();
            if (await Task.WhenAny(next, stdinClosed) == stdinClosed)
            {
                return 0;
            }

            var e = await next;
            switch (e.Kind)
            {
                case DeploymentEventKind.Activated:
                    var started = await engine.StartAsync("order");
                    var marks = JsonDocument.Parse(started.DataJson).RootElement.GetProperty("marks").EnumerateArray().Select(m => m.GetString());
                    Console.WriteLine($"served {started.DeploymentVersion} {string.Join(",", marks)}");
                    break;
                case DeploymentEventKind.Undeployed:
                    Console.WriteLine($"undeployed {e.Name}");
                    break;
                case DeploymentEventKind.Failed:
                    Console.WriteLine($"failed {(e.Error as FlowDeploymentException)?.Id}");
                    break;
            }

            Console.Out.Flush();
        }
    }
}
