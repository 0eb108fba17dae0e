namespace Flow.Build.Tasks.Tests.Integration;

/// <summary>
/// The files of a fresh class library that uses Flow.Generators the way a user would: one
/// PackageReference, two diagrams, the handler code. Nothing else is configured.
/// </summary>
internal static class ConsumerProject
{
    public const string Name = "Consumer.Flows";

    public static string Csproj(string packageVersion) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Flow.Generators" Version="{packageVersion}" />
            <!-- Referenced by the flow itself: still provided by the host, never copied. -->
            <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.2" />
            <PackageReference Include="Microsoft.Extensions.Options" Version="8.0.2" />
          </ItemGroup>
        </Project>
        """;

    public const string HostName = "Consumer.Host";

    /// <summary>A host that knows only the Flow.Runtime package and the usual Microsoft.Extensions
    /// packages, with default runtime options: it deploys a folder and runs one order.</summary>
    public static string HostCsproj(string packageVersion) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Flow.Runtime" Version="{packageVersion}" />
            <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="8.0.1" />
            <PackageReference Include="Microsoft.Extensions.Logging" Version="8.0.1" />
            <PackageReference Include="Microsoft.Extensions.Options" Version="8.0.2" />
          </ItemGroup>
        </Project>
        """;

    public const string HostProgram = """
        using Flow.Engine;
        using Flow.Hosting;
        using Microsoft.Extensions.DependencyInjection;

        using var services = new ServiceCollection()
            .AddLogging()
            .AddOptions()
            .AddSingleton(TimeProvider.System)
            .AddFlowRuntime()
            .BuildServiceProvider();
        var engine = services.GetRequiredService<FlowEngine>();
        await engine.DeployAsync(new[] { args[0] });
        var order = await engine.StartAsync("order");
        Console.WriteLine("order status: " + order.Status);
        """;

    /// <summary>Adds the local feed to whatever registry the machine already uses.</summary>
    public static string NugetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="flow-local-feed" value="{feed}" />
          </packageSources>
        </configuration>
        """;

    public static string Diagram(string key, string name, string taskName, string target = "End") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs_{key}" targetNamespace="http://example.com">
          <bpmn:process id="{key}" name="{name}" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Work" />
            <bpmn:serviceTask id="Task_Work" name="{taskName}" flow:handler="Work" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Work" targetRef="{target}" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>The order process takes ILogger&lt;T&gt;, IOptions&lt;T&gt; and a host service (TimeProvider) through its constructor.</summary>
    public const string InjectedOrder = """
        namespace Consumer.Flows;

        public sealed class OrderSettings
        {
            public string Greeting { get; set; } = "settings-default";
        }

        public partial class OrderProcess
        {
            private readonly Microsoft.Extensions.Logging.ILogger<OrderProcess> _log;
            private readonly Microsoft.Extensions.Options.IOptions<OrderSettings> _settings;
            private readonly System.TimeProvider _clock;

            public OrderProcess(Microsoft.Extensions.Logging.ILogger<OrderProcess> log, Microsoft.Extensions.Options.IOptions<OrderSettings> settings, System.TimeProvider clock)
            {
                _log = log;
                _settings = settings;
                _clock = clock;
            }

            private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> context, System.Threading.CancellationToken cancellationToken)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(_log, "order {Id}", context.InstanceId);
                System.Console.WriteLine("handler: " + _settings.Value.Greeting + " " + (_clock.GetUtcNow().Year > 2000));
                return default;
            }
        }
        """;

    /// <summary>Diagram interchange for the task, at horizontal position <paramref name="x"/> (layout only).</summary>
    public static string Shape(int x) => $"""
          <bpmndi:BPMNDiagram xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="Diagram">
            <bpmndi:BPMNPlane id="Plane">
              <bpmndi:BPMNShape id="Task_Work_di" bpmnElement="Task_Work"><dc:Bounds x="{x}" y="80" width="100" height="80" /></bpmndi:BPMNShape>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>

        """;

    public static string Handlers(params string[] classNames) =>
        "namespace Consumer.Flows;\n\n"
        + string.Concat(classNames.Select(c => $$"""
            public partial class {{c}}
            {
                private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> context, System.Threading.CancellationToken cancellationToken) => default;
            }

            """));
}
