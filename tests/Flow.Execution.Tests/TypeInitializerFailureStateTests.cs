using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// A handler that first touches a class whose static initializer throws (configuration read in a
/// static field): the instance failed with only "The type initializer for '...' threw an
/// exception." — the class, not why. The failure message now carries the cause too.
/// </summary>
public class TypeInitializerFailureStateTests
{
    private static readonly string OneTask = Process($"""
            <bpmn:startEvent id="Start" />
        {Service("Charge")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Charge")}
        {Seq("F2", "Charge", "End")}
        """);

    private const string ChargeReadingSettings = """
        namespace Flows.Under.Test {
            internal static class GatewaySettings {
                public static readonly string Url = System.Environment.GetEnvironmentVariable("FLOW_TEST_NO_SUCH_VARIABLE") ?? throw new System.InvalidOperationException("GATEWAY_URL is not set");
            }
            public partial class TestProcess {
                private partial System.Threading.Tasks.ValueTask Charge(Flow.TaskContext<Data> c, System.Threading.CancellationToken t)
                {
                    c.Data.log.Add(GatewaySettings.Url);
                    return default;
                }
            }
        }
        """;

    [Fact]
    public async Task A_throwing_static_initializer_fails_the_instance_with_the_class_and_the_cause()
    {
        var flow = TestFlow.Build(OneTask, Array.Empty<string>(), ChargeReadingSettings);

        var instance = await flow.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Charge", instance.Failure!.NodeId);
        Assert.Equal(typeof(TypeInitializationException).FullName, instance.Failure.Kind);
        Assert.Contains("Flows.Under.Test.GatewaySettings", instance.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: GATEWAY_URL is not set", instance.Failure.Message, StringComparison.Ordinal);
        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());
        Assert.Equal(instance.Failure.Message, resumed.Failure!.Message);   // the saved state keeps it
    }
}
