using Flow.Bpmn.Model;

namespace Flow.Bpmn.Tests;

/// <summary>Mistakes with loops, transactions and compensation are FLOW8014–FLOW8021, naming the node.</summary>
public class LoopAndCompensationErrorTests
{
    private static BpmnModelException Refused(string id, Action build)
    {
        var error = Assert.Throws<BpmnModelException>(build);
        Assert.Equal(id, error.ErrorId);
        Assert.StartsWith(id + ": ", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void A_loop_on_an_event_sub_process_is_FLOW8014()
    {
        var eventSubProcess = Bpmn.CreateProcess("p").EventSubProcess("esp").SubProcessDone();

        var error = Refused("FLOW8014", () => eventSubProcess.MultiInstance());

        Assert.Contains("'esp'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_looping_sub_process_made_an_event_sub_process_is_FLOW8014_and_a_transaction_cannot_be_one()
    {
        Refused("FLOW8014", () => Bpmn.CreateProcess("p").StartEvent("s").SubProcess("sub").StandardLoop("true").TriggerByEvent());
        Refused("FLOW8004", () => Bpmn.CreateProcess("p").StartEvent("s").Transaction("t").TriggerByEvent());
    }

    [Fact]
    public void A_multi_instance_without_cardinality_or_collection_is_FLOW8015()
    {
        var error = Refused("FLOW8015", () => Bpmn.CreateProcess("p").StartEvent().UserTask("vote").MultiInstance().Sequential().CamundaElementVariable("x").MultiInstanceDone());

        Assert.Contains("'vote'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_standard_loop_without_condition_or_maximum_is_FLOW8016()
    {
        var error = Refused("FLOW8016", () => Bpmn.CreateProcess("p").StartEvent().ServiceTask("again").StandardLoop(null, testBefore: true));

        Assert.Contains("'again'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancel_end_event_outside_a_transaction_is_FLOW8017()
    {
        var error = Refused("FLOW8017", () => Bpmn.CreateProcess("p").StartEvent().SubProcess("sub").EmbeddedSubProcess().StartEvent().EndEvent("cancel").Cancel());

        Assert.Contains("'cancel'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancel_boundary_event_on_no_transaction_is_FLOW8017()
    {
        var error = Refused("FLOW8017", () => Bpmn.CreateProcess("p").StartEvent().SubProcess("sub").BoundaryEvent("b").Cancel());

        Assert.Contains("'sub'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flow_out_of_a_compensation_boundary_event_is_FLOW8018()
    {
        var boundary = Bpmn.CreateProcess("p").StartEvent().ServiceTask("pay").EndEvent().MoveToActivity("pay").BoundaryEvent("paid").Compensation();

        var error = Refused("FLOW8018", () => boundary.ServiceTask("refund"));

        Assert.Contains("'paid'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompensationStart_on_a_boundary_event_without_compensation_is_FLOW8018()
    {
        Refused("FLOW8018", () => Bpmn.CreateProcess("p").StartEvent().ServiceTask("pay").BoundaryEvent("late").TimerWithDuration("PT1M").CompensationStart());
    }

    [Fact]
    public void A_flow_out_of_or_into_a_compensation_handler_is_FLOW8019()
    {
        var handler = Bpmn.CreateProcess("p").StartEvent().ServiceTask("pay").EndEvent("end")
            .MoveToActivity("pay").BoundaryEvent("paid").Compensation().CompensationStart().ServiceTask("refund");

        Refused("FLOW8019", () => handler.EndEvent());
        Refused("FLOW8019", () => handler.MoveToNode("pay").Connect("refund"));
    }

    [Fact]
    public void CompensationStart_not_followed_by_an_activity_is_FLOW8020()
    {
        BoundaryEventBuilderFor(out var start);
        Refused("FLOW8020", () => start().EndEvent());
        Refused("FLOW8020", () => start().MoveToNode("pay"));
        Refused("FLOW8020", () => start().Done());
    }

    private static void BoundaryEventBuilderFor(out Func<Builder.BoundaryEventBuilder> start) =>
        start = () => Bpmn.CreateProcess("p").StartEvent().ServiceTask("pay").EndEvent("end")
            .MoveToActivity("pay").BoundaryEvent("paid").Compensation().CompensationStart();

    [Fact]
    public void CompensationDone_on_a_node_that_is_no_handler_is_FLOW8021()
    {
        var error = Refused("FLOW8021", () => Bpmn.CreateProcess("p").StartEvent().ServiceTask("pay").CompensationDone());

        Assert.Contains("'pay'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compensation_throw_naming_no_activity_is_refused_when_written()
    {
        var model = Bpmn.CreateProcess("p").StartEvent().IntermediateThrowEvent("undo").Compensation("nowhere").EndEvent();

        Refused(BpmnErrors.DanglingReference, () => model.Done());
    }

    [Fact]
    public void An_association_to_a_node_of_another_scope_is_refused_when_written()
    {
        var model = Bpmn.CreateProcess("p").StartEvent("s").SubProcess("sub").EmbeddedSubProcess().StartEvent("inner").EndEvent().SubProcessDone().EndEvent().Done();
        model.Processes[0].Associations.Add(new BpmnAssociation("a", "s", "inner"));

        Refused(BpmnErrors.DanglingReference, () => Bpmn.WriteModel(model));
    }
}
