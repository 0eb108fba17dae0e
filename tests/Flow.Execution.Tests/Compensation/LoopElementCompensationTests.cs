using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Compensation.CompensationBpmn;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Compensation;

/// <summary>
/// The compensation handler of a multi-instance element sees that element (its element variable,
/// typed, and its loopCounter), as Camunda runs it with the element's local variables: the element
/// as it was when it completed, saved with the instance, even after the collection changed.
/// </summary>
public class LoopElementCompensationTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    /// <summary>Undo takes the element typed, as a handler of the activity itself does.</summary>
    private const string UndoHandler =
        "namespace Flows.Under.Test { public partial class TestProcess {\n"
        + "private partial System.Threading.Tasks.ValueTask Undo(Flow.TaskContext<Data> c, string item, System.Threading.CancellationToken t) { c.Data.log.Add(\"Undo \" + item + \"@\" + c.Loop.LoopCounter); return default; }\n"
        + "} }";

    private const string ReplaceItems =
        """<bpmn:scriptTask id="Replace" scriptFormat="csharp"><bpmn:script>items = new System.Collections.Generic.List&lt;string&gt; { "x", "y", "z", "w" };</bpmn:script></bpmn:scriptTask>""";

    /// <summary>
    /// Start → <paramref name="work"/> (id Work, over <c>items</c>, compensated by Undo) → Replace (the
    /// collection is replaced, so only a saved element is right) → Review (user task) → compensate everything → End.
    /// </summary>
    private static string Undoing(string work) => Process($"""
            <bpmn:startEvent id="Start" />
            {work}
            {ReplaceItems}
            <bpmn:userTask id="Review" />
        {Throw("CompensateAll")}
            <bpmn:endEvent id="End" />
        {Compensates("WorkBoundary", "Work", "Undo")}
        {Undo("Undo")}
        {Seq("F1", "Start", "Work")}
        {Seq("F2", "Work", "Replace")}
        {Seq("F3", "Replace", "Review")}
        {Seq("F4", "Review", "CompensateAll")}
        {Seq("F5", "CompensateAll", "End")}
        """, Variable("items", "System.Collections.Generic.List&lt;string&gt;"));

    private static string Characteristics(bool sequential, string completion = "") =>
        $"""<bpmn:multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}" {Camunda} camunda:collection="${"{items}"}" camunda:elementVariable="item">{completion}</bpmn:multiInstanceLoopCharacteristics>""";

    private static object Items(params string[] items) => items.ToList();

    [Fact]
    public async Task Parallel_elements_completed_before_the_completion_condition_are_undone_each_with_its_own_element()
    {
        var flow = TestFlow.Build(
            Undoing($"""<bpmn:userTask id="Work">{Characteristics(sequential: false, "<bpmn:completionCondition>${nrOfCompletedInstances >= 2}</bpmn:completionCondition>")}</bpmn:userTask>"""),
            Array.Empty<string>(),
            UndoHandler);
        var instance = await flow.StartAsync(("items", Items("a", "b", "c", "d")));
        await instance.CompleteElementWithJsonAsync("Work", 3, null);
        await instance.CompleteElementWithJsonAsync("Work", 1, null);

        // Saved with the instance: the elements as JSON beside their loopCounter.
        instance = RoundTrip(flow, instance);
        Assert.Contains("\"Element\":", instance.ToJson(), StringComparison.Ordinal);
        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Undo b@1", "Undo d@3" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_sequential_multi_instance_is_undone_in_reverse_element_order_each_with_its_own_element()
    {
        var flow = TestFlow.Build(
            Undoing($"""<bpmn:scriptTask id="Work" scriptFormat="csharp">{Characteristics(sequential: true)}<bpmn:script>log.Add("Work " + item);</bpmn:script></bpmn:scriptTask>"""),
            Array.Empty<string>(),
            UndoHandler);
        var instance = RoundTrip(flow, await flow.StartAsync(("items", Items("a", "b", "c"))));

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Work a", "Work b", "Work c", "Undo c@2", "Undo b@1", "Undo a@0" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_script_handler_sees_the_element_as_a_local()
    {
        var bpmn = Undoing($"""<bpmn:userTask id="Work">{Characteristics(sequential: false)}</bpmn:userTask>""")
            .Replace(Undo("Undo"), """<bpmn:scriptTask id="Undo" isForCompensation="true" scriptFormat="csharp"><bpmn:script>log.Add("Undo " + item.ToUpperInvariant() + "@" + loopCounter);</bpmn:script></bpmn:scriptTask>""", StringComparison.Ordinal);
        var flow = TestFlow.Build(bpmn, Array.Empty<string>());
        var instance = await flow.StartAsync(("items", Items("a", "b")));
        await instance.CompleteElementWithJsonAsync("Work", 1, null);
        await instance.CompleteElementWithJsonAsync("Work", 0, null);

        await instance.CompleteAsync("Review");

        Assert.Equal(new[] { "Undo A@0", "Undo B@1" }, TestFlow.Log(instance));
    }

    /// <summary>
    /// A multi-instance transaction over <c>items</c>: BookHotel (compensated by UndoHotel, which
    /// logs the element) → Confirm (user task) → cancel? cancel end : end; cancelled → Cancelled.
    /// </summary>
    private static readonly string LoopedTransaction = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:transaction id="Pay">
              {Characteristics(sequential: false)}
              <bpmn:startEvent id="TxStart" />
              <bpmn:serviceTask id="BookHotel" flow:handler="BookHotel" />
              <bpmn:userTask id="Confirm" />
              <bpmn:exclusiveGateway id="Decide" default="Commit" />
              <bpmn:endEvent id="CancelEnd"><bpmn:cancelEventDefinition /></bpmn:endEvent>
              <bpmn:endEvent id="TxEnd" />
        {Compensates("HotelBoundary", "BookHotel", "UndoHotel")}
        {Undo("UndoHotel")}
        {Seq("T1", "TxStart", "BookHotel")}
        {Seq("T2", "BookHotel", "Confirm")}
        {Seq("T3", "Confirm", "Decide")}
        {Seq("Abort", "Decide", "CancelEnd", "item == \"b\"")}
        {Seq("Commit", "Decide", "TxEnd")}
            </bpmn:transaction>
            <bpmn:boundaryEvent id="Cancelled" attachedToRef="Pay"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>
            <bpmn:endEvent id="EndCancelled" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Pay")}
        {Seq("F2", "Pay", "End")}
        {Seq("F3", "Cancelled", "EndCancelled")}
        """, Variable("items", "System.Collections.Generic.List&lt;string&gt;"));

    [Fact]
    public async Task A_transaction_cancelled_in_one_element_undoes_that_element_with_its_element()
    {
        var handlers = "namespace Flows.Under.Test { public partial class TestProcess {\n"
            + "private partial System.Threading.Tasks.ValueTask BookHotel(Flow.TaskContext<Data> c, string item, System.Threading.CancellationToken t) { c.Data.log.Add(\"Book \" + item); return default; }\n"
            + "private partial System.Threading.Tasks.ValueTask UndoHotel(Flow.TaskContext<Data> c, string item, System.Threading.CancellationToken t) { c.Data.log.Add(\"Undo \" + item + \"@\" + c.Loop.LoopCounter); return default; }\n"
            + "} }";
        var flow = TestFlow.Build(LoopedTransaction, Array.Empty<string>(), handlers);
        var instance = RoundTrip(flow, await flow.StartAsync(("items", Items("a", "b", "c"))));
        await instance.CompleteElementWithJsonAsync("Confirm", 0, null);

        await instance.CompleteElementWithJsonAsync("Confirm", 1, null);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Book a", "Book b", "Book c", "Undo b@1" }, TestFlow.Log(instance));
    }
}
