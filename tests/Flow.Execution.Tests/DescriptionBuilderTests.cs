namespace Flow.Execution.Tests;

/// <summary>
/// The runtime half of the compact description (issue 18): generated code describes each plain
/// node and flow in one builder call, and the description must be what the constructors gave.
/// </summary>
public class DescriptionBuilderTests
{
    [Fact]
    public void Rows_keep_their_order_scope_kind_name_condition_and_default()
    {
        var description = ProcessDescriptionBuilder.Build("order", "Order", "order.bpmn", "source", "definition", 4, static d =>
        {
            d.StartEvent("Start");
            d.ExclusiveGateway("Split", "Big?");
            d.SubProcess("Sub", "Pack");
            d.Scope("Sub");
            d.ServiceTask("Pack_Item", "Pack item");
            d.Scope(null);
            d.Node(new NodeDescription("End", null, NodeKind.EndEvent, "order", EventKind.Error, "E1"));
            d.Flow("F1", "Start", "Split");
            d.Flow("F2", "Split", "Sub", "${big}");
            d.DefaultFlow("F3", "Split", "End");
        });

        Assert.Equal(("order", "Order", "order.bpmn", "source", "definition"), (description.Key, description.Name, description.SourceFile, description.SourceHash, description.DefinitionHash));
        Assert.Equal(
            new[] { ("Start", NodeKind.StartEvent, (string?)null, "order"), ("Split", NodeKind.ExclusiveGateway, "Big?", "order"), ("Sub", NodeKind.SubProcess, "Pack", "order"), ("Pack_Item", NodeKind.ServiceTask, "Pack item", "Sub"), ("End", NodeKind.EndEvent, null, "order") },
            description.Nodes.Select(n => (n.Id, n.Kind, n.Name, n.ScopeId)));
        Assert.Equal(EventKind.Error, description.FindNode("End")!.EventKind);
        Assert.Equal(
            new[] { ("F1", "Start", "Split", (string?)null, false), ("F2", "Split", "Sub", "${big}", false), ("F3", "Split", "End", null, true) },
            description.Flows.Select(f => (f.Id, f.SourceId, f.TargetId, f.Condition, f.IsDefault)));
    }

    [Fact]
    public void Bound_task_rows_keep_their_binding_and_their_job_boundary()
    {
        var description = ProcessDescriptionBuilder.Build("order", "Order", "order.bpmn", "source", "definition", 3, static d =>
        {
            d.ServiceTask("Check", "Check stock", binding: "checkStock");
            d.SendTask("Notify", null, binding: "notify", async: new(true, false) { Priority = 5 });
            d.BusinessRuleTask("Price", "Price", binding: "price", async: new(false, true) { RetryCycle = "R5/PT10S" });
        });

        Assert.Equal(
            new[] { ("Check", NodeKind.ServiceTask, (string?)"checkStock", false), ("Notify", NodeKind.SendTask, "notify", true), ("Price", NodeKind.BusinessRuleTask, "price", true) },
            description.Nodes.Select(n => (n.Id, n.Kind, n.HandlerBinding, n.Async is not null)));
        Assert.Null(description.FindNode("Check")!.Async);
        var notify = description.FindNode("Notify")!.Async!;
        Assert.Equal((true, false, 5), (notify.Before, notify.After, notify.Priority));
        var price = description.FindNode("Price")!.Async!;
        Assert.Equal((false, true, 5), (price.Before, price.After, price.MaxAttempts));
    }
}
