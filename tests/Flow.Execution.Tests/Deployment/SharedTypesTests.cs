using System.Text.Json;
using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flow.Execution.Tests.Deployment;

/// <summary>What <see cref="RecordingLogger{T}"/> was given, as "category: message".</summary>
public static class RecordedLogs
{
    public static List<string> Messages { get; } = new();
}

/// <summary>A logger the test host registers for every ILogger&lt;T&gt;.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (RecordedLogs.Messages)
        {
            RecordedLogs.Messages.Add(typeof(T).FullName + ": " + formatter(state, exception));
        }
    }
}

/// <summary>
/// Types the host provides unify with the flow's without configuration: a flow constructor that
/// takes ILogger&lt;T&gt;, IOptions&lt;T&gt; and a host service is served from the host's container,
/// even when the deployment folder carries its own copies of the Microsoft.Extensions dlls (as
/// every folder did before the build task left Flow.Runtime's closure out).
/// </summary>
public sealed class SharedTypesTests : IDisposable
{
    private static readonly string[] ExtensionsCopies =
    {
        "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.Options", "Microsoft.Extensions.Primitives",
    };

    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "flow-shared-" + Guid.NewGuid().ToString("N"))).FullName;

    private static byte[] InjectedFlow() => FlowAssembly.Emit(
        TestDeployment.Name,
        new[] { ("/flows/order.bpmn", TestDeployment.OrderBpmn()) },
        new[] { "CS1701" },   // the 8.0 Microsoft.Extensions dlls against the net10.0 reference assemblies
        ExtensionsCopies.Select(Location).Append(typeof(IGreeter).Assembly.Location).ToArray(),
        """
        namespace Shop.Flows {
            public sealed class OrderSettings { public string Prefix { get; set; } = "default:"; }
            public partial class OrderProcess {
                private readonly Microsoft.Extensions.Logging.ILogger<OrderProcess> _log;
                private readonly Microsoft.Extensions.Options.IOptions<OrderSettings> _settings;
                private readonly Flow.Execution.Tests.Deployment.IGreeter _greeter;
                public OrderProcess(Microsoft.Extensions.Logging.ILogger<OrderProcess> log, Microsoft.Extensions.Options.IOptions<OrderSettings> settings, Flow.Execution.Tests.Deployment.IGreeter greeter)
                {
                    _log = log;
                    _settings = settings;
                    _greeter = greeter;
                }
                private partial System.Threading.Tasks.ValueTask Mark(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {
                    (c.Data.marks ??= new()).Add(_settings.Value.Prefix + _greeter.Greet("A"));
                    Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(_log, "marked {Id}", c.InstanceId);
                    return default;
                }
                private partial System.Threading.Tasks.ValueTask MarkAgain(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) => default;
            }
        }
        """);

    private static string Location(string assemblyName) => Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");

    /// <summary>A folder as the old build task wrote it: the flow plus private copies of the Microsoft.Extensions dlls.</summary>
    private string FolderWithExtensionsCopies()
    {
        var folder = TestDeployment.Write(_root, 1, InjectedFlow());
        var manifestPath = Path.Combine(folder, DeploymentManifest.FileName);
        var manifest = JsonSerializer.Deserialize<DeploymentManifest>(File.ReadAllBytes(manifestPath))!;
        foreach (var name in ExtensionsCopies)
        {
            var bytes = File.ReadAllBytes(Location(name));
            File.WriteAllBytes(Path.Combine(folder, name + ".dll"), bytes);
            manifest.Files.Add(new ManifestFile
            {
                Path = name + ".dll",
                Size = bytes.Length,
                Sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(),
            });
        }

        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest));
        return folder;
    }

    [Fact]
    public async Task A_flow_taking_ILogger_IOptions_and_a_host_service_runs_in_a_host_with_default_options()
    {
        using var services = new ServiceCollection()
            .AddSingleton<IGreeter, Greeter>()
            .AddOptions()
            .AddSingleton(typeof(ILogger<>), typeof(RecordingLogger<>))
            .AddFlowRuntime()
            .BuildServiceProvider();
        var engine = services.GetRequiredService<FlowEngine>();

        await engine.DeployAsync(new[] { FolderWithExtensionsCopies() }).WaitAsync(TimeSpan.FromMinutes(1));
        var started = await engine.StartAsync("order").WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Contains("default:hello A", started.DataJson, StringComparison.Ordinal);
        lock (RecordedLogs.Messages)
        {
            Assert.Contains(RecordedLogs.Messages, m => m == "Shop.Flows.OrderProcess: marked " + started.Id);
        }
    }

    [Theory]
    [InlineData("Flow.Runtime")]
    [InlineData("Microsoft.Extensions.DependencyInjection.Abstractions")]
    [InlineData("Microsoft.Extensions.Logging.Abstractions")]
    [InlineData("Microsoft.Extensions.Hosting.Abstractions")]
    [InlineData("Microsoft.Extensions.Options")]
    [InlineData("Microsoft.Extensions.Primitives")]
    [InlineData("Microsoft.Extensions.Configuration.Abstractions")]
    [InlineData("Microsoft.Extensions.Some.Future.Abstractions")]
    public void The_host_provides_the_runtime_closure_and_the_extensions_contracts(string name) => Assert.True(HostContracts.IsShared(name));

    [Theory]
    [InlineData("Shop.Flows")]
    [InlineData("Newtonsoft.Json")]
    [InlineData("System.Text.Json")]
    [InlineData("Microsoft.Extensions.Abstractions")]
    public void A_flow_keeps_its_private_dependencies(string name) => Assert.False(HostContracts.IsShared(name));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // the temp folder is harmless
        }
    }
}
