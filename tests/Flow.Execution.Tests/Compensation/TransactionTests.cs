using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Compensation.CompensationBpmn;
using static Flow.Execution.Tests.Events.EventBpmn;

namespace Flow.Execution.Tests.Compensation;

/// <summary>Transactions (issue 13): a cancel end event compensates what completed inside, then the transaction is left by its cancel boundary event.</summary>
public class TransactionTests
{
    private static readonly Lazy<TestFlow> Flow = new(() => TestFlow.Build(Transaction, new[] { "BookHotel", "BookFlight", "UndoHotel", "UndoFlight", "NotifyCancelled", "Ship" }));

    [Fact]
    public async Task A_cancelled_transaction_compensates_what_completed_inside_latest_first_then_leaves_by_its_cancel_boundary()
    {
        var flow = Flow.Value;
        var instance = RoundTrip(flow, await flow.StartAsync(("cancel", true)));
        Assert.Equal(new[] { "Confirm" }, instance.WaitingAt);

        await instance.CompleteAsync("Confirm");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "BookHotel", "BookFlight", "UndoFlight", "UndoHotel", "NotifyCancelled" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Decide", "CancelEnd", "UndoFlight", "UndoHotel", "Cancelled", "NotifyCancelled", "EndCancelled" }, instance.Trace.SkipWhile(n => n != "Decide"));
        Assert.DoesNotContain("Ship", instance.Trace);
    }

    [Fact]
    public async Task A_transaction_that_completes_compensates_nothing_and_goes_on()
    {
        var instance = await Flow.Value.StartAsync();

        await instance.CompleteAsync("Confirm");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "BookHotel", "BookFlight", "Ship" }, TestFlow.Log(instance));
        Assert.DoesNotContain("Cancelled", instance.Trace);
    }
}
