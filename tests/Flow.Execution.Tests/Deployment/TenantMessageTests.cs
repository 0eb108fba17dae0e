using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>Correlation and signals with tenants (issue 16): the tenant narrows the waiting instances and the start events.</summary>
public class TenantMessageTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:message id="Msg_Paid" name="payment received" />
          <bpmn:message id="Msg_Refund" name="refund requested" />
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="orderId" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Mark" flow:handler="Mark" />
            <bpmn:intermediateCatchEvent id="Paid" flow:correlationKey="orderId"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
            <bpmn:serviceTask id="MarkAgain" flow:handler="MarkAgain" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Mark" />
            <bpmn:sequenceFlow id="F2" sourceRef="Mark" targetRef="Paid" />
            <bpmn:sequenceFlow id="F3" sourceRef="Paid" targetRef="MarkAgain" />
            <bpmn:sequenceFlow id="F4" sourceRef="MarkAgain" targetRef="End" />
          </bpmn:process>
          <bpmn:process id="refund" name="Refund" isExecutable="true">
            <bpmn:startEvent id="OnRefund"><bpmn:messageEventDefinition messageRef="Msg_Refund" /></bpmn:startEvent>
            <bpmn:userTask id="Check" />
            <bpmn:endEvent id="Done" />
            <bpmn:sequenceFlow id="R1" sourceRef="OnRefund" targetRef="Check" />
            <bpmn:sequenceFlow id="R2" sourceRef="Check" targetRef="Done" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => TestDeployment.Compile("M", Bpmn));

    private static async Task<DeploymentFixture> TwoTenantsAsync()
    {
        var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, Assembly.Value, tenant: "acme"));
        await fx.DeployAsync(fx.Write(1, Assembly.Value, tenant: "globex"));
        return fx;
    }

    [Fact]
    public async Task A_message_with_a_tenant_reaches_only_that_tenants_waiting_instance()
    {
        using var fx = await TwoTenantsAsync();
        var acme = await fx.Engine.StartAsync("order", """{"orderId":"7"}""", tenantId: "acme");
        var globex = await fx.Engine.StartAsync("order", """{"orderId":"7"}""", tenantId: "globex");

        var delivered = await fx.Engine.CorrelateAsync("payment received", "7", tenantId: "globex");

        Assert.Equal(globex.Id, Assert.Single(delivered).Id);
        Assert.Equal(InstanceStatus.Waiting, (await fx.Engine.GetAsync(acme.Id))!.Status);
        // Without a tenant both wait with the key: Camunda correlates across tenants, so it is ambiguous as usual.
        await fx.Engine.StartAsync("order", """{"orderId":"8"}""", tenantId: "globex");
        Assert.Equal(InstanceStatus.Completed, Assert.Single(await fx.Engine.CorrelateAsync("payment received", "8")).Status);
    }

    [Fact]
    public async Task A_message_start_event_deployed_for_several_tenants_needs_the_tenant()
    {
        using var fx = await TwoTenantsAsync();

        var ambiguous = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.CorrelateAsync("refund requested", null));
        var started = Assert.Single(await fx.Engine.CorrelateAsync("refund requested", null, tenantId: "acme"));

        Assert.Equal("FLOW6340", ambiguous.Id);
        Assert.Equal("acme", started.TenantId);
        Assert.Equal("refund", started.ProcessKey);
        Assert.Single(await fx.Engine.QueryAsync(new InstanceQuery(ProcessKey: "refund")));
    }
}
