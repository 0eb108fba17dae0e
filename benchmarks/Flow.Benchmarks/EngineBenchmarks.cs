using System;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Flow.Benchmarks.Flows;
using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;

namespace Flow.Benchmarks;

/// <summary>
/// Start + complete of a one-user-task process (Flow.Benchmarks.Flows/approval.bpmn) through
/// <see cref="FlowEngine"/> with the in-memory store: what a host that knows processes only by
/// key pays per instance (data and output as JSON in, snapshots with the data's JSON out).
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const string Key = "Process_Approval";
    private const string StartData = """{"amount": 1500, "customer": "ann", "approved": false}""";
    private const string Output = """{"approved": true}""";

    private string _root = "";
    private FlowEngine _engine = null!;

    [GlobalSetup]
    public void Deploy()
    {
        _root = Path.Combine(Path.GetTempPath(), "flow-bench-engine-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        _engine = new FlowEngine(new DeploymentRegistry(), new InMemoryInstanceStore());
        _engine.DeployAsync(new[] { DeploymentFolders.Write(_root, 1, typeof(ApprovalProcess)) }).GetAwaiter().GetResult();
        var status = StartAndComplete().GetAwaiter().GetResult();
        if (status != InstanceStatus.Completed)
        {
            throw new InvalidOperationException($"The approval instance ended {status}, not completed.");
        }
    }

    [GlobalCleanup]
    public void Delete() => Directory.Delete(_root, recursive: true);

    /// <summary>One pair: start (runs to the user task, saves) and complete with the output (runs to the end, saves).</summary>
    [Benchmark]
    public async Task<InstanceStatus> StartAndComplete()
    {
        var started = await _engine.StartAsync(Key, StartData);
        var done = await _engine.CompleteAsync(started.Id, "Review", Output);
        return done.Status;
    }
}
