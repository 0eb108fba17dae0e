using Flow.Bpmn.Builder;
using Flow.Bpmn.Model;

namespace Flow.Bpmn.Tests;

/// <summary>Mistakes in building are exceptions with a FLOW80xx id and a message naming the id concerned.</summary>
public class BuilderErrorTests
{
    [Theory]
    [InlineData("1task")]
    [InlineData("has space")]
    [InlineData("ns:task")]
    [InlineData("")]
    [InlineData("tab\there")]
    public void An_id_that_is_no_NCName_is_refused_naming_it(string id)
    {
        var start = Bpmn.CreateProcess("p").StartEvent();

        var error = Assert.Throws<BpmnModelException>(() => start.UserTask(id));

        Assert.Equal(BpmnErrors.InvalidId, error.ErrorId);
        Assert.StartsWith("FLOW8001: '" + id.Replace("\t", "\\u0009", StringComparison.Ordinal) + "' is not a valid BPMN id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_id_that_is_no_NCName_is_refused()
    {
        var error = Assert.Throws<BpmnModelException>(() => Bpmn.CreateProcess("my process"));

        Assert.Equal(BpmnErrors.InvalidId, error.ErrorId);
        Assert.Contains("'my process'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_an_invalid_id_on_the_model_is_refused()
    {
        var node = new BpmnFlowNode("ok", BpmnNodeKind.Task);

        Assert.Equal(BpmnErrors.InvalidId, Assert.Throws<BpmnModelException>(() => node.Id = "not ok").ErrorId);
        Assert.Equal("ok", node.Id);
    }

    [Fact]
    public void Unicode_letters_and_dots_make_valid_ids()
    {
        var model = Bpmn.CreateProcess("p").StartEvent().UserTask("Überprüfung.1-a_b").EndEvent().Done();

        Assert.NotNull(model.FindNode("Überprüfung.1-a_b"));
    }

    [Fact]
    public void A_duplicate_id_is_refused_naming_it()
    {
        var task = Bpmn.CreateProcess("p").StartEvent().UserTask("review");

        var error = Assert.Throws<BpmnModelException>(() => task.ServiceTask("review"));

        Assert.Equal(BpmnErrors.DuplicateId, error.ErrorId);
        Assert.Contains("'review'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_ids_are_deterministic_and_skip_ids_in_use()
    {
        var model = Bpmn.CreateProcess().StartEvent().UserTask("Activity_1").UserTask().ExclusiveGateway().EndEvent().Done();

        var ids = model.AllIds().ToList();
        Assert.Equal(new[] { "Definitions_1", "Process_1", "StartEvent_1", "Activity_1", "Activity_2", "Gateway_1", "EndEvent_1", "Flow_1", "Flow_2", "Flow_3", "Flow_4" }, ids);
    }

    [Fact]
    public void Connecting_to_an_unknown_node_names_it()
    {
        var error = Assert.Throws<BpmnModelException>(() => Bpmn.CreateProcess("p").StartEvent().Connect("nowhere"));

        Assert.Equal(BpmnErrors.UnknownId, error.ErrorId);
        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_follows_an_end_event()
    {
        var error = Assert.Throws<BpmnModelException>(() => Bpmn.CreateProcess("p").StartEvent().EndEvent("end").UserTask());

        Assert.Equal(BpmnErrors.NoOutgoingFlow, error.ErrorId);
        Assert.Contains("'end'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_to_last_gateway_without_one_is_refused()
    {
        var error = Assert.Throws<BpmnModelException>(() => Bpmn.CreateProcess("p").StartEvent().UserTask("t").MoveToLastGateway());

        Assert.Equal(BpmnErrors.NoGateway, error.ErrorId);
    }

    [Fact]
    public void A_boundary_event_needs_an_activity()
    {
        var error = Assert.Throws<BpmnModelException>(() => Bpmn.CreateProcess("p").StartEvent().ExclusiveGateway("g").MoveToActivity("g"));

        Assert.Equal(BpmnErrors.WrongKind, error.ErrorId);
        Assert.Contains("'g'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flow_cannot_cross_into_a_sub_process()
    {
        var error = Assert.Throws<BpmnModelException>(() =>
            Bpmn.CreateProcess("p").StartEvent("s").SubProcess("sub").EmbeddedSubProcess().StartEvent("inner").EndEvent()
                .SubProcessDone().EndEvent().MoveToNode("s").Connect("inner"));

        Assert.Equal(BpmnErrors.CrossScopeFlow, error.ErrorId);
    }

    [Fact]
    public void Sub_process_done_outside_a_sub_process_is_refused()
    {
        Assert.Equal(BpmnErrors.NotInSubProcess, Assert.Throws<BpmnModelException>(() => Bpmn.CreateProcess("p").StartEvent().SubProcessDone()).ErrorId);
    }

    [Fact]
    public void A_condition_no_flow_used_is_refused_at_done()
    {
        var error = Assert.Throws<BpmnModelException>(() => Bpmn.CreateProcess("p").StartEvent().ExclusiveGateway().Condition("x", "true").Done());

        Assert.Equal(BpmnErrors.UnusedFlowSetting, error.ErrorId);
    }

    [Fact]
    public void Only_send_and_receive_tasks_have_a_message()
    {
        var error = Assert.Throws<BpmnModelException>(() => Bpmn.CreateProcess("p").StartEvent().UserTask("u").Message("m"));

        Assert.Equal(BpmnErrors.WrongKind, error.ErrorId);
    }

    [Fact]
    public void Extension_attributes_in_the_bpmn_namespace_are_refused()
    {
        var error = Assert.Throws<BpmnModelException>(() => Bpmn.CreateProcess("p").StartEvent().ExtensionAttribute(BpmnXmlNames.Bpmn, "name", "x"));

        Assert.Equal(BpmnErrors.BadExtensionNamespace, error.ErrorId);
    }

    [Fact]
    public void Writing_a_model_with_a_dangling_flow_names_it()
    {
        var model = Bpmn.CreateProcess("p").StartEvent("s").EndEvent().Done();
        model.Processes[0].SequenceFlows.Add(new BpmnSequenceFlow("broken", "s", "ghost"));

        var error = Assert.Throws<BpmnModelException>(() => Bpmn.WriteModel(model));

        Assert.Equal(BpmnErrors.DanglingReference, error.ErrorId);
        Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_are_shared_by_name()
    {
        var model = Bpmn.CreateProcess("p").StartEvent().Message("paid").IntermediateCatchEvent().Message("paid").EndEvent().Done();

        var message = Assert.Single(model.RootElements);
        Assert.Equal("paid", message.Name);
        Assert.All(model.AllNodes().Where(n => n.Kind != BpmnNodeKind.EndEvent), n => Assert.Equal(message.Id, n.EventDefinition!.Reference));
    }
}
