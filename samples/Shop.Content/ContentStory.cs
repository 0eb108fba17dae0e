using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Flow;
using Flow.Compilation;
using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;

namespace Shop.Content;

/// <summary>
/// The story of a pricing rule edited as text while orders keep coming: the order process is
/// deployed from its .bpmn text, an analyst lowers the discount threshold (v2 serves new orders,
/// orders already started stay on v1), then submits an edit that does not compile (refused with
/// line and column, v2 keeps serving), and the old version unloads.
/// </summary>
public static class ContentStory
{
    private const string Key = "order";
    private static readonly TimeSpan UnloadWait = TimeSpan.FromSeconds(10);

    /// <summary>Tells the story on <paramref name="output"/>; 0 when every outcome was shown, 1 otherwise.</summary>
    public static async Task<int> RunAsync(TextWriter output)
    {
        var failures = new List<string>();
        void Say(string line) => output.WriteLine(line);

        var registry = new DeploymentRegistry();
        var unloaded = new ConcurrentQueue<DeploymentEvent>();
        var unloadedSignal = new SemaphoreSlim(0);
        registry.Changed += e =>
        {
            if (e.Kind == DeploymentEventKind.Unloaded)
            {
                unloaded.Enqueue(e);
                unloadedSignal.Release();
            }
        };
        var engine = new FlowEngine(registry, new InMemoryInstanceStore());
        var deployer = new ContentDeployer(registry, new ContentDeployerOptions { CompileTimeout = TimeSpan.FromSeconds(60) });
        deployer.CompilationCompleted += e => Say($"  CompilationCompleted: {e.Key} v{e.Version} serves after {e.Duration.TotalMilliseconds:0} ms");
        deployer.CompilationFailed += e =>
        {
            Say($"  CompilationFailed: {e.Key}, {e.Diagnostics.Count} diagnostic(s):");
            foreach (var d in e.Diagnostics)
            {
                Say($"    line {d.Line}, column {d.Column}: {d.Id} {d.Message}");
            }
        };

        var v1Text = ReadDiagram();
        const string v1Rule = "<bpmn:conditionExpression>amount >= 100</bpmn:conditionExpression>";
        const string v2Rule = "<bpmn:conditionExpression>amount >= 50</bpmn:conditionExpression>";
        const string badRule = "<bpmn:conditionExpression>amount >= 50 &amp;&amp; customer == \"vip\"</bpmn:conditionExpression>";
        var v2Text = v1Text.Replace(v1Rule, v2Rule, StringComparison.Ordinal);
        var badText = v1Text.Replace(v1Rule, badRule, StringComparison.Ordinal);

        Say("1. Deploying order-pricing.bpmn as text (10% off from 100.00; reviews above 1000.00). The first compilation warms Roslyn up.");
        await deployer.DeployAsync(Key, v1Text);
        var orders = new OrderStream(engine);
        orders.Start();
        await orders.WaitForCountAsync(20);
        Say($"  orders keep coming: {orders.Count} started so far, all on v{string.Join(", v", orders.Snapshot().Select(o => o.DeploymentVersion).Distinct())}");

        Say("\n2. While orders keep coming, the analyst lowers the discount threshold to 50.00 (submitted as text):");
        var beforeChange = orders.Count;
        var v2 = await deployer.DeployAsync(Key, v2Text);
        await orders.WaitForCountAsync(orders.Count + 20);
        var sinceChange = orders.Snapshot().Skip(beforeChange).ToList();
        var firstOnV2 = sinceChange.FindIndex(o => o.DeploymentVersion == 2);
        var backOnV1 = firstOnV2 < 0 ? 0 : sinceChange.Skip(firstOnV2).Count(o => o.DeploymentVersion == 1);
        Say($"  {sinceChange.Count} orders since the change: {sinceChange.Count(o => o.DeploymentVersion == 1)} still on v1 while v2 compiled, then {sinceChange.Count(o => o.DeploymentVersion == 2)} on v2; none on v1 after the first on v2: {(backOnV1 == 0 ? "yes" : "no")}");
        var smallV1 = orders.Snapshot().FirstOrDefault(o => o.DeploymentVersion == 1 && Amount(o) == 80m);
        var smallV2 = orders.Snapshot().FirstOrDefault(o => o.DeploymentVersion == 2 && Amount(o) == 80m);
        if (smallV1 is not null && smallV2 is not null)
        {
            Say($"  an order of 80.00 on v1 pays {Total(smallV1):0.00}; on v2 it pays {Total(smallV2):0.00}");
        }

        var waitingOnV1 = orders.Snapshot().Where(o => o.DeploymentVersion == 1 && o.Status == InstanceStatus.Waiting).ToList();
        Say($"  {waitingOnV1.Count} large orders started on v1 wait for a review and keep their version (v1)");
        if (v2.Version == 2 && firstOnV2 >= 0 && backOnV1 == 0 && smallV2 is not null && Total(smallV2) == 72m)
        {
            Say("  OUTCOME new-rule: v2 serves new orders; orders already started keep v1");
        }
        else
        {
            failures.Add("new-rule");
        }

        Say("\n3. The analyst submits an edit that does not compile (the condition names 'customer', which is no variable):");
        var beforeBad = orders.Count;
        try
        {
            await deployer.DeployAsync(Key, badText);
            failures.Add("invalid-edit accepted");
        }
        catch (ContentCompilationException ex)
        {
            var placed = ex.Diagnostics.FirstOrDefault(d => d.IsError && d.Line > 0);
            await orders.WaitForCountAsync(orders.Count + 10);
            var afterBad = orders.Snapshot().Skip(beforeBad).ToList();
            var live = registry.Latest[Key].Version;
            if (placed is not null)
            {
                var line = badText.Split('\n')[placed.Line - 1].TrimEnd('\r');
                Say($"    {line}");
                Say($"    {new string(' ', placed.Column - 1)}^ line {placed.Line}, column {placed.Column}");
            }

            Say($"  refused ({ex.Id}); the live version is still v{live}; {afterBad.Count} orders since the edit, all on v2: {(afterBad.All(o => o.DeploymentVersion == 2) ? "yes" : "no")}");
            if (placed is not null && live == 2 && afterBad.All(o => o.DeploymentVersion == 2))
            {
                Say($"  OUTCOME invalid-edit: refused at line {placed.Line}, column {placed.Column}; v2 still serves");
            }
            else
            {
                failures.Add("invalid-edit");
            }
        }

        await orders.StopAsync();
        var v1 = registry.Versions.First(v => v.Name == Key && v.Version == 1);
        Say($"\n4. Orders stop ({orders.Count} in all). v1 no longer starts orders but stays loaded while its orders run: loaded {(v1.IsUnloaded ? "no" : "yes")}, {v1.Users} user(s) (the {waitingOnV1.Count} orders waiting on it).");
        Say($"  approving the {waitingOnV1.Count} orders that wait on v1; they finish on the version they started on:");
        var finished = new List<InstanceSnapshot>();
        foreach (var order in waitingOnV1)
        {
            finished.Add(await engine.CompleteAsync(order.Id, "Task_Review"));
        }

        Say($"  {finished.Count(o => o.Status == InstanceStatus.Completed && o.DeploymentVersion == 1)} of {finished.Count} completed on v1; with no order left on it, v1 unloads:");
        var firstUnload = await WaitForUnloadAsync(unloaded, unloadedSignal, 1);
        Say(firstUnload is null ? $"  v1 did not unload within {UnloadWait.TotalSeconds:0} s (loaded: {(v1.IsUnloaded ? "no" : "yes")}, {v1.Users} user(s))" : $"  Unloaded event: {firstUnload}; v2 serves: v{registry.Latest[Key].Version}");

        if (firstUnload is not null && finished.All(o => o.Status == InstanceStatus.Completed && o.DeploymentVersion == 1))
        {
            Say("  OUTCOME unloaded: v1 unloaded after its last order; v2 serves");
        }
        else
        {
            failures.Add("unloaded");
        }

        Say(failures.Count == 0 ? "\nDone." : $"\nNot shown: {string.Join(", ", failures)}");
        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task<DeploymentEvent?> WaitForUnloadAsync(ConcurrentQueue<DeploymentEvent> unloaded, SemaphoreSlim signal, int version)
    {
        var deadline = DateTime.UtcNow + UnloadWait;
        while (await signal.WaitAsync(Max(deadline - DateTime.UtcNow)))
        {
            if (unloaded.TryDequeue(out var e) && e.Version == version)
            {
                return e;
            }
        }

        return null;
    }

    private static TimeSpan Max(TimeSpan left) => left < TimeSpan.Zero ? TimeSpan.Zero : left;

    private static string ReadDiagram()
    {
        using var stream = typeof(ContentStory).Assembly.GetManifestResourceStream("order-pricing.bpmn")
            ?? throw new InvalidOperationException("order-pricing.bpmn is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static decimal Amount(InstanceSnapshot order) => Data(order)["amount"]!.GetValue<decimal>();

    private static decimal Total(InstanceSnapshot order) => Data(order)["total"]!.GetValue<decimal>();

    private static JsonNode Data(InstanceSnapshot order) => JsonNode.Parse(order.DataJson)!;

    /// <summary>Starts an order every few milliseconds (80.00, 150.00, 1200.00 in turn) until stopped.</summary>
    private sealed class OrderStream(FlowEngine engine)
    {
        private static readonly decimal[] Amounts = { 80m, 150m, 1200m };
        private readonly List<InstanceSnapshot> _started = new();
        private readonly CancellationTokenSource _stop = new();
        private Task? _loop;

        public int Count
        {
            get { lock (_started) { return _started.Count; } }
        }

        public void Start() => _loop = Task.Run(LoopAsync);

        public List<InstanceSnapshot> Snapshot()
        {
            lock (_started)
            {
                return _started.ToList();
            }
        }

        public async Task WaitForCountAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Count < count && DateTime.UtcNow < deadline && _loop is { IsCompleted: false })
            {
                await Task.Delay(10);
            }
        }

        public async Task StopAsync()
        {
            _stop.Cancel();
            if (_loop is not null)
            {
                await _loop;
            }
        }

        private async Task LoopAsync()
        {
            for (var i = 0; !_stop.IsCancellationRequested; i++)
            {
                var amount = Amounts[i % Amounts.Length].ToString(CultureInfo.InvariantCulture);
                var order = await engine.StartAsync(Key, $$"""{"amount":{{amount}}}""");
                lock (_started)
                {
                    _started.Add(order);
                }

                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
