using Flow.Deployment;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// Camunda's deployChangedOnly: only processes whose diagram differs from the latest deployment of
/// the same name move to the new version; unchanged ones keep theirs.
/// </summary>
public class DeployChangedOnlyTests
{
    private const string InvoiceBpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="InvoiceDefs">
          <bpmn:process id="invoice" name="Invoice" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Check" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Check" />
            <bpmn:sequenceFlow id="F2" sourceRef="Check" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> OrderAndInvoice = new(() => Both(TestDeployment.OrderBpmn()));
    private static readonly Lazy<byte[]> ChangedOrderAndInvoice = new(() => Both(TestDeployment.OrderBpmn(reviewId: "Approval")));

    private static byte[] Both(string orderBpmn) =>
        FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/order.bpmn", orderBpmn), ("/flows/invoice.bpmn", InvoiceBpmn) }, Array.Empty<string>(), TestDeployment.Handlers("A"));

    private static ManifestSettings ChangedOnly(bool resume = true) => new() { DeployChangedOnly = true, ResumePreviousVersions = resume };

    [Fact]
    public async Task An_unchanged_process_keeps_its_version_and_a_changed_one_moves()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, OrderAndInvoice.Value));

        await fx.DeployAsync(fx.Write(2, ChangedOrderAndInvoice.Value, ChangedOnly()));

        Assert.Equal(2, fx.Registry.Latest["order"].Version);
        Assert.Equal(1, fx.Registry.Latest["invoice"].Version);
        Assert.Equal(1, (await fx.Engine.StartAsync("invoice")).DeploymentVersion);
        Assert.Equal(2, (await fx.Engine.StartAsync("order")).DeploymentVersion);
        Assert.NotNull(fx.Registry.Latest["order"].ProcessType("invoice"));   // the new version still holds every process of its assembly
    }

    [Fact]
    public async Task Without_it_every_process_moves_to_the_new_version()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, OrderAndInvoice.Value));

        await fx.DeployAsync(fx.Write(2, ChangedOrderAndInvoice.Value));

        Assert.Equal(2, fx.Registry.Latest["order"].Version);
        Assert.Equal(2, fx.Registry.Latest["invoice"].Version);
    }

    [Fact]
    public async Task Only_the_latest_deployment_of_the_same_name_is_compared()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, OrderAndInvoice.Value, name: "Other.Flows"));

        await fx.DeployAsync(fx.Write(1, OrderAndInvoice.Value, ChangedOnly()));   // same diagrams, but another deployment name

        Assert.Equal(TestDeployment.Name, fx.Registry.Latest["order"].Name);
        Assert.Equal(TestDeployment.Name, fx.Registry.Latest["invoice"].Name);
    }

    [Fact]
    public async Task With_resume_false_a_version_kept_latest_for_an_unchanged_process_stays_resumed()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, OrderAndInvoice.Value));
        var invoice = await fx.Engine.StartAsync("invoice");

        await fx.DeployAsync(fx.Write(2, ChangedOrderAndInvoice.Value, ChangedOnly(resume: false)));

        Assert.True(fx.Registry.IsResumed(TestDeployment.Name, 1));   // new invoice instances start on it
        Assert.Equal(InstanceStatus.Completed, (await fx.Engine.CompleteAsync(invoice.Id, "Check")).Status);
        Assert.Equal(1, (await fx.Engine.StartAsync("invoice")).DeploymentVersion);
    }
}
