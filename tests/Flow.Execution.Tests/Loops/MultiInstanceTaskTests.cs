using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Loops;

/// <summary>Multi-instance service and script tasks: elements run in index order, with the loop variables and the typed element.</summary>
public class MultiInstanceTaskTests
{
    private const string Dollar = "$";

    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private static string Pick(bool sequential, string extra = "", string completion = "") => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Pick" flow:handler="Pick">
              <bpmn:multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}" {Camunda} camunda:collection="{Dollar}{"{items}"}" camunda:elementVariable="item" {extra}>{completion}</bpmn:multiInstanceLoopCharacteristics>
            </bpmn:serviceTask>
        {Service("After")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Pick")}
        {Seq("F2", "Pick", "After")}
        {Seq("F3", "After", "End")}
        """, Variable("items", "System.Collections.Generic.List&lt;int&gt;") + Variable("results", "System.Collections.Generic.List&lt;string&gt;"));

    // The handler gets the element typed (int): item * 10 compiles only if it is.
    private const string PickHandler = """
        namespace Flows.Under.Test { public partial class TestProcess {
            private partial System.Threading.Tasks.ValueTask Pick(Flow.TaskContext<Data> c, int item, System.Threading.CancellationToken t)
            {
                c.Data.log.Add($"{c.Loop.LoopCounter}:{item * 10}/{c.Loop.NrOfInstances}/{c.Loop.NrOfCompletedInstances}");
                return default;
            }
        } }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_multi_instance_service_task_runs_its_handler_once_per_element_with_the_typed_element(bool sequential)
    {
        var flow = TestFlow.Build(Pick(sequential), new[] { "After" }, PickHandler);

        var instance = await flow.StartAsync(("items", new List<int> { 3, 1, 2 }));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "0:30/3/0", "1:10/3/1", "2:20/3/2", "After" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Start", "Pick", "Pick", "Pick", "After", "End" }, instance.Trace);
    }

    [Fact]
    public async Task An_empty_or_missing_collection_passes_the_activity()
    {
        var flow = TestFlow.Build(Pick(sequential: false), new[] { "After" }, PickHandler);

        var empty = await flow.StartAsync(("items", new List<int>()));
        var missing = await flow.StartAsync(("items", null));

        Assert.Equal(new[] { "After" }, TestFlow.Log(empty));
        Assert.Equal(new[] { "Start", "Pick", "After", "End" }, empty.Trace);
        Assert.Equal(new[] { "After" }, TestFlow.Log(missing));
    }

    [Fact]
    public async Task The_completion_condition_sees_the_element_and_the_counts_and_stops_the_rest()
    {
        var flow = TestFlow.Build(
            Pick(sequential: true, completion: "<bpmn:completionCondition>${item == 1 || nrOfCompletedInstances == nrOfInstances}</bpmn:completionCondition>"),
            new[] { "After" },
            PickHandler);

        var instance = await flow.StartAsync(("items", new List<int> { 3, 1, 2 }));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "0:30/3/0", "1:10/3/1", "After" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task Output_elements_are_gathered_typed_by_index_into_the_output_collection()
    {
        var flow = TestFlow.Build(
            Pick(sequential: false, extra: "flow:outputCollection=\"results\" flow:outputElement=\"${&quot;#&quot; + (item * loopCounter)}\""),
            new[] { "After" },
            PickHandler);

        var instance = await flow.StartAsync(("items", new List<int> { 3, 1, 2 }));

        Assert.Equal(new[] { "#0", "#1", "#4" }, TestFlow.Get<List<string>>(instance, "results"));
    }

    [Fact]
    public async Task A_loop_cardinality_counts_the_elements_of_a_script_task_which_sees_loopCounter()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:scriptTask id="Count" scriptFormat="csharp">
                  <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>{Dollar}{"{times + 1}"}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
                  <bpmn:script>log.Add("n" + loopCounter + "/" + nrOfInstances);</bpmn:script>
                </bpmn:scriptTask>
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Count")}
            {Seq("F2", "Count", "End")}
            """, Variable("times", "int"));
        var flow = TestFlow.Build(bpmn, Array.Empty<string>());

        var instance = await flow.StartAsync(("times", 2));
        var none = await flow.StartAsync(("times", -1));

        Assert.Equal(new[] { "n0/3", "n1/3", "n2/3" }, TestFlow.Log(instance));
        Assert.Empty(TestFlow.Log(none));
        Assert.Equal(InstanceStatus.Completed, none.Status);
    }

    [Fact]
    public async Task A_negative_cardinality_fails_the_instance_with_FLOW6222()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:serviceTask id="Pick" flow:handler="Pick">
                  <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>times</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
                </bpmn:serviceTask>
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Pick")}
            {Seq("F2", "Pick", "End")}
            """, Variable("times", "int"));
        var flow = TestFlow.Build(bpmn, new[] { "Pick" });

        var instance = await flow.StartAsync(("times", -1));

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Contains("FLOW6222", instance.Failure!.Message);
    }

    [Fact]
    public async Task A_failing_element_is_retried_from_that_element_not_from_the_first()
    {
        const string flaky = """
            namespace Flows.Under.Test { public partial class TestProcess {
                public static int Failures;
                private partial System.Threading.Tasks.ValueTask Pick(Flow.TaskContext<Data> c, int item, System.Threading.CancellationToken t)
                {
                    if (item == 1 && Failures++ == 0) throw new System.InvalidOperationException("flaky");
                    c.Data.log.Add("p" + item);
                    return default;
                }
            } }
            """;
        var flow = TestFlow.Build(Pick(sequential: false), new[] { "After" }, flaky);

        var instance = await flow.StartAsync(("items", new List<int> { 3, 1, 2 }));
        Assert.Equal(InstanceStatus.Failed, instance.Status);
        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());
        await resumed.RetryAsync();

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(new[] { "p3", "p1", "p2", "After" }, TestFlow.Log(resumed));
    }

    [Fact]
    public async Task The_bpmn_loopDataInputRef_and_inputDataItem_name_the_collection_and_the_element_variable()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:serviceTask id="Pick" flow:handler="Pick">
                  <bpmn:multiInstanceLoopCharacteristics isSequential="true">
                    <bpmn:loopDataInputRef>items</bpmn:loopDataInputRef>
                    <bpmn:inputDataItem name="item" />
                  </bpmn:multiInstanceLoopCharacteristics>
                </bpmn:serviceTask>
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Pick")}
            {Seq("F2", "Pick", "End")}
            """, Variable("items", "System.Collections.Generic.List&lt;int&gt;") + Variable("results", "System.Collections.Generic.List&lt;string&gt;"));
        var flow = TestFlow.Build(bpmn, Array.Empty<string>(), PickHandler);

        var instance = await flow.StartAsync(("items", new List<int> { 4, 5 }));

        Assert.Equal(new[] { "0:40/2/0", "1:50/2/1" }, TestFlow.Log(instance));
    }
}
