using Flow.Deployment;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// A flow whose static constructor throws: the deployment is refused, and the error said only
/// "TargetInvocationException: Exception has been thrown by the target of an invocation" (FLOW6013)
/// — not which class, not what it threw. Now FLOW6320 names the class and the real exception.
/// </summary>
public sealed class TypeInitializerFailureTests
{
    private const string ThrowingStaticConstructor = """
        namespace Shop.Flows {
            public partial class OrderProcess {
                static OrderProcess() {
                    if (System.Environment.GetEnvironmentVariable("FLOW_TEST_NO_SUCH_VARIABLE") is null) throw new System.InvalidOperationException("REGION is not configured");
                }
            }
        }
        """;

    private static readonly Lazy<byte[]> Throwing = new(() => FlowAssembly.Emit(
        TestDeployment.Name, new[] { ("/flows/order.bpmn", TestDeployment.OrderBpmn()) }, Array.Empty<string>(), TestDeployment.Handlers("T"), ThrowingStaticConstructor));

    [Fact]
    public async Task A_throwing_static_constructor_is_FLOW6320_naming_the_class_and_what_it_threw()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A)).WaitAsync(TimeSpan.FromSeconds(60));
        var folder = fx.Write(2, Throwing.Value);

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(folder).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal("FLOW6320", error.Id);
        Assert.Contains("'Shop.Flows.OrderProcess'", error.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: REGION is not configured", error.Message, StringComparison.Ordinal);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("target of an invocation", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, fx.Registry.Latest["order"].Version);   // the previous version stays live
        Assert.Contains(fx.Events, e => e.Kind == DeploymentEventKind.Failed && e.Version == 2);
    }
}
