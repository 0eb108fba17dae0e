using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Compensation.CompensationBpmn;
using static Flow.Execution.Tests.Events.EventBpmn;

namespace Flow.Execution.Tests.Compensation;

/// <summary>
/// Multi-instance transactions (issue 13, was FLOW4003). As in Camunda 7 (TransactionSubProcessTest.testMultiInstanceTx):
/// a cancel end event in one element cancels every element of the transaction, compensates what
/// completed in that element only, and leaves by the cancel boundary event once.
/// </summary>
public class LoopedTransactionTests
{
    private static readonly string[] Services = { "BookHotel", "BookFlight", "UndoHotel", "UndoFlight", "NotifyCancelled", "Ship" };

    private static readonly Lazy<TestFlow> Parallel = new(() => TestFlow.Build(
        Transaction.Replace("<bpmn:transaction id=\"Pay\">", "<bpmn:transaction id=\"Pay\"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>", StringComparison.Ordinal),
        Services));

    [Fact]
    public async Task A_cancel_end_in_one_element_cancels_all_and_compensates_that_element_only()
    {
        var instance = RoundTrip(Parallel.Value, await Parallel.Value.StartAsync(("cancel", true)));
        Assert.Equal(new[] { 0, 1, 2 }, instance.WaitingElements("Confirm"));

        await instance.CompleteElementWithJsonAsync("Confirm", 1, null);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(
            new[] { "BookHotel", "BookFlight", "BookHotel", "BookFlight", "BookHotel", "BookFlight", "UndoFlight", "UndoHotel", "NotifyCancelled" },
            TestFlow.Log(instance));
        Assert.Equal(new[] { "Decide", "CancelEnd", "UndoFlight", "UndoHotel", "Cancelled", "NotifyCancelled", "EndCancelled" }, instance.Trace.SkipWhile(n => n != "Decide"));
        Assert.Empty(instance.WaitingAt);
        Assert.DoesNotContain("\"Compensable\"", instance.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_element_committing_completes_the_transaction_once()
    {
        var instance = await Parallel.Value.StartAsync();

        await instance.CompleteElementWithJsonAsync("Confirm", 2, null);
        await instance.CompleteElementWithJsonAsync("Confirm", 0, null);
        instance = RoundTrip(Parallel.Value, instance);
        await instance.CompleteElementWithJsonAsync("Confirm", 1, null);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "BookHotel", "BookFlight", "BookHotel", "BookFlight", "BookHotel", "BookFlight", "Ship" }, TestFlow.Log(instance));
        Assert.DoesNotContain("Cancelled", instance.Trace);
    }
}
