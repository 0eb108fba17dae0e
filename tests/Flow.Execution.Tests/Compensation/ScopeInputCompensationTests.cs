using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Compensation.CompensationBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Compensation;

/// <summary>
/// A compensation handler inside a sub-process with input parameters, run after the sub-process
/// (or, looped, its element) completed: as in Camunda, where the handler runs in the scope of the
/// compensated activity's instance, it sees that instance's inputs as they were when it completed
/// (saved with the compensation record), with the element's loopCounter and element variable;
/// not the defaults of an empty inputs object (what it saw before), nor a re-evaluation.
/// </summary>
public class ScopeInputCompensationTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    /// <summary>
    /// Start → Sub (<paramref name="loop"/>; input label; inside: Book, undone by the script UndoBook)
    /// → Wait (user task) → CompensateAll → End.
    /// </summary>
    private static string Undoing(string loop, string label, string undoLog) => Process($$"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Sub">
              <bpmn:extensionElements>
                <camunda:inputOutput {{Camunda}}>
                  <camunda:inputParameter name="label" flow:type="string">{{label}}</camunda:inputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
              {{loop}}
              <bpmn:startEvent id="SubStart" />
              <bpmn:scriptTask id="Book" scriptFormat="csharp"><bpmn:script>log.Add("book " + label);</bpmn:script></bpmn:scriptTask>
              <bpmn:endEvent id="SubEnd" />
        {{Compensates("BookBoundary", "Book", "UndoBook")}}
              <bpmn:scriptTask id="UndoBook" isForCompensation="true" scriptFormat="csharp"><bpmn:script>log.Add({{undoLog}});</bpmn:script></bpmn:scriptTask>
        {{Seq("S1", "SubStart", "Book")}}
        {{Seq("S2", "Book", "SubEnd")}}
            </bpmn:subProcess>
            <bpmn:userTask id="Wait" />
        {{Throw("CompensateAll")}}
            <bpmn:endEvent id="End" />
        {{Seq("F1", "Start", "Sub")}}
        {{Seq("F2", "Sub", "Wait")}}
        {{Seq("F3", "Wait", "CompensateAll")}}
        {{Seq("F4", "CompensateAll", "End")}}
        """, Variable("items", "System.Collections.Generic.List&lt;string&gt;") + Variable("prefix", "string"));

    private static IFlowInstance RoundTrip(TestFlow flow, IFlowInstance instance)
    {
        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());
        // The inputs were computed from these: a re-evaluation would show the change.
        resumed.Data.GetType().GetProperty("prefix")!.SetValue(resumed.Data, "changed");
        resumed.Data.GetType().GetProperty("items")!.SetValue(resumed.Data, new List<string> { "x", "y", "z" });
        return resumed;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_handler_in_an_element_of_a_multi_instance_sub_process_sees_that_elements_inputs_and_loop_variables(bool sequential)
    {
        var loop = $"""<bpmn:multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}" {Camunda} camunda:collection="${"{items}"}" camunda:elementVariable="item" />""";
        var flow = TestFlow.Build(Undoing(loop, "${prefix + item + \"#\" + loopCounter}", "\"undo \" + label + \" \" + item + \"@\" + loopCounter"), Array.Empty<string>());

        var instance = RoundTrip(flow, await flow.StartAsync(("items", new List<string> { "a", "b" }), ("prefix", "p-")));
        await instance.CompleteAsync("Wait");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "book p-a#0", "book p-b#1", "undo p-b#1 b@1", "undo p-a#0 a@0" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_handler_in_a_completed_sub_process_sees_its_inputs_as_they_were()
    {
        var flow = TestFlow.Build(Undoing("", "${prefix + \"!\"}", "\"undo \" + label"), Array.Empty<string>());

        var instance = RoundTrip(flow, await flow.StartAsync(("items", new List<string>()), ("prefix", "p")));
        await instance.CompleteAsync("Wait");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "book p!", "undo p!" }, TestFlow.Log(instance));
    }

    /// <summary>A standard loop: each iteration's handler sees that iteration's inputs and loopCounter.</summary>
    [Fact]
    public async Task A_handler_in_an_iteration_of_a_looped_sub_process_sees_that_iterations_inputs()
    {
        var loop = """<bpmn:standardLoopCharacteristics loopMaximum="2" />""";
        var flow = TestFlow.Build(Undoing(loop, "${prefix + loopCounter}", "\"undo \" + label + \"@\" + loopCounter"), Array.Empty<string>());

        var instance = RoundTrip(flow, await flow.StartAsync(("items", new List<string>()), ("prefix", "i")));
        await instance.CompleteAsync("Wait");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "book i0", "book i1", "undo i1@1", "undo i0@0" }, TestFlow.Log(instance));
    }

    /// <summary>The saved inputs go with the record by the sub-process's id: a migration that maps it to another id is refused (FLOW6290), as for a waiting scope.</summary>
    [Fact]
    public async Task A_record_with_saved_scope_inputs_mapped_to_another_id_is_refused()
    {
        var bpmn = Undoing("", "${prefix + \"!\"}", "\"undo \" + label");
        var instance = await TestFlow.Build(bpmn, Array.Empty<string>()).StartAsync(("items", new List<string>()), ("prefix", "p"));
        Assert.Contains("\"ScopeInputs\":{\"Sub\":", instance.ToJson(), StringComparison.Ordinal);
        var v2 = TestFlow.Build(bpmn.Replace("\"Sub\"", "\"Sub2\"", StringComparison.Ordinal), Array.Empty<string>());

        var refused = Assert.Throws<InvalidOperationException>(() => InstanceMigration.Map(instance.ToJson(), v2.Process.Definition, new Dictionary<string, string> { ["Sub"] = "Sub2" }));

        Assert.StartsWith("FLOW6290: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'Sub'", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A multi-instance task inside the scope over a collection that is the scope's input: each
    /// completed element is saved for its handler from that collection (["a", "b"]), not the process
    /// variable's (["p", "q"]).
    /// </summary>
    [Fact]
    public async Task The_element_saved_for_a_handler_comes_from_a_collection_that_is_a_scope_input()
    {
        var bpmn = Process($$"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Sub">
                  <bpmn:extensionElements>
                    <camunda:inputOutput {{Camunda}}>
                      <camunda:inputParameter name="items">${new System.Collections.Generic.List&lt;string&gt;(new[] { "a", "b" })}</camunda:inputParameter>
                    </camunda:inputOutput>
                  </bpmn:extensionElements>
                  <bpmn:startEvent id="SubStart" />
                  <bpmn:userTask id="Work"><bpmn:multiInstanceLoopCharacteristics {{Camunda}} camunda:collection="${items}" camunda:elementVariable="item" /></bpmn:userTask>
            {{Compensates("WorkBoundary", "Work", "Undo")}}
                  <bpmn:scriptTask id="Undo" isForCompensation="true" scriptFormat="csharp"><bpmn:script>log.Add("undo " + item + "@" + loopCounter);</bpmn:script></bpmn:scriptTask>
            {{Throw("CompensateWork")}}
                  <bpmn:endEvent id="SubEnd" />
            {{Seq("S1", "SubStart", "Work")}}
            {{Seq("S2", "Work", "CompensateWork")}}
            {{Seq("S3", "CompensateWork", "SubEnd")}}
                </bpmn:subProcess>
                <bpmn:endEvent id="End" />
            {{Seq("F1", "Start", "Sub")}}
            {{Seq("F2", "Sub", "End")}}
            """, Variable("items", "System.Collections.Generic.List&lt;string&gt;"));
        var flow = TestFlow.Build(bpmn, Array.Empty<string>());
        var instance = await flow.StartAsync(("items", new List<string> { "p", "q" }));
        await instance.CompleteElementWithJsonAsync("Work", 0, null);

        instance = flow.NewProcess().ResumeFromJson(instance.ToJson());
        await instance.CompleteElementWithJsonAsync("Work", 1, null);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "undo b@1", "undo a@0" }, TestFlow.Log(instance));
    }
}
