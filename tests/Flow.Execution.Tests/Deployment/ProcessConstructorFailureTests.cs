using Flow.Deployment;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// A flow whose constructor throws (in a host: a service it takes that the host has not
/// registered). Activation made a process object to read the timer start events, so DeployAsync
/// threw the constructor's raw exception after the version had gone live; every start threw it
/// too, naming neither the process nor the deployment. Now the deployment goes live (no object is
/// needed to read the definition) and a start is FLOW6321 naming both.
/// </summary>
public sealed class ProcessConstructorFailureTests
{
    private const string ThrowingConstructor = """
        namespace Shop.Flows {
            public partial class OrderProcess {
                public OrderProcess() {
                    if (System.Environment.GetEnvironmentVariable("FLOW_TEST_NO_SUCH_VARIABLE") is null) throw new System.InvalidOperationException("no payment gateway registered");
                }
            }
        }
        """;

    private static readonly Lazy<byte[]> Throwing = new(() => FlowAssembly.Emit(
        TestDeployment.Name, new[] { ("/flows/order.bpmn", TestDeployment.OrderBpmn()) }, Array.Empty<string>(), TestDeployment.Handlers("C"), ThrowingConstructor));

    [Fact]
    public async Task The_deployment_goes_live_and_a_start_is_FLOW6321_naming_the_process_the_class_and_what_it_threw()
    {
        using var fx = new DeploymentFixture();
        Assert.IsAssignableFrom<Flow.Jobs.IJobStore>(fx.Store);   // activation schedules timer start jobs (and made a process object to read them)

        await fx.DeployAsync(fx.Write(1, Throwing.Value)).WaitAsync(TimeSpan.FromSeconds(60));
        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.StartAsync("order").WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(1, fx.Registry.Latest["order"].Version);
        Assert.Equal("FLOW6321", error.Id);
        Assert.Contains("process 'order'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Shop.Flows.OrderProcess'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Shop.Flows v1", error.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: no payment gateway registered", error.Message, StringComparison.Ordinal);
        Assert.Empty(await fx.Engine.QueryAsync(new Flow.Instances.InstanceQuery()));
    }
}
