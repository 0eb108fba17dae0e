using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flow.Execution.Tests.Deployment;

/// <summary>A service the host shares with its flows (its assembly is declared shared).</summary>
public interface IGreeter
{
    string Greet(string name);
}

public sealed class Greeter : IGreeter
{
    public string Greet(string name) => "hello " + name;
}

public class HostingTests
{
    /// <summary>A flow whose process takes a host service through its constructor.</summary>
    private static byte[] GreetingFlow() => FlowAssembly.Emit(
        TestDeployment.Name,
        new[] { ("/flows/order.bpmn", TestDeployment.OrderBpmn()) },
        Array.Empty<string>(),
        new[] { typeof(IGreeter).Assembly.Location },
        """
        namespace Shop.Flows {
            public partial class OrderProcess {
                private readonly Flow.Execution.Tests.Deployment.IGreeter _greeter;
                public OrderProcess(Flow.Execution.Tests.Deployment.IGreeter greeter) => _greeter = greeter;
                private partial System.Threading.Tasks.ValueTask Mark(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) { (c.Data.marks ??= new()).Add(_greeter.Greet("A")); return default; }
                private partial System.Threading.Tasks.ValueTask MarkAgain(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) => default;
            }
        }
        """);

    [Fact]
    public async Task The_hosted_service_deploys_a_watched_folder_and_processes_get_host_services()
    {
        var root = Path.Combine(Path.GetTempPath(), "flow-host-" + Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection()
            .AddSingleton<IGreeter, Greeter>()
            .AddFlowRuntime(options =>
            {
                options.DeploymentRoot = root;
                options.SharedAssemblies.Add(typeof(IGreeter).Assembly.GetName().Name!);
            })
            .BuildServiceProvider();
        var hosted = services.GetServices<IHostedService>().Single();
        var engine = services.GetRequiredService<FlowEngine>();
        await hosted.StartAsync(CancellationToken.None);
        try
        {
            TestDeployment.Write(root, 1, GreetingFlow());
            for (var i = 0; i < 400 && !engine.Registry.Latest.ContainsKey("order"); i++)
            {
                await Task.Delay(50);
            }

            var started = await engine.StartAsync("order");

            Assert.Contains("hello A", started.DataJson, StringComparison.Ordinal);
        }
        finally
        {
            await hosted.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            Directory.Delete(root, recursive: true);
        }
    }
}
