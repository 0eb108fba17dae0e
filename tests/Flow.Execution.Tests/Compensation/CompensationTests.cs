using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Compensation.CompensationBpmn;
using static Flow.Execution.Tests.Events.EventBpmn;

namespace Flow.Execution.Tests.Compensation;

/// <summary>
/// Compensation on the token engine (issue 13): handlers of completed activities only, latest
/// completed first, for the whole scope or one activity; completed sub-processes compensated
/// through what completed inside them or their compensation event sub-process; handlers that wait.
/// </summary>
public class CompensationTests
{
    private static readonly Lazy<TestFlow> BookingFlow = new(() => TestFlow.Build(Booking, new[] { "BookHotel", "BookFlight", "UndoHotel" }));

    [Fact]
    public async Task Compensating_the_scope_starts_the_handlers_of_completed_activities_latest_first_at_once_and_waits_for_a_user_task_handler()
    {
        var flow = BookingFlow.Value;
        var instance = await flow.StartAsync(("all", true));
        Assert.Equal(new[] { "Review" }, instance.WaitingAt);

        await instance.CompleteAsync("Review");

        // BookFlight completed last, so its handler (a user task) starts first; it waits, and as in
        // Camunda that does not hold UndoHotel back. The throw waits for both.
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "UndoFlight" }, instance.WaitingAt);
        Assert.Equal(new[] { "BookHotel", "BookFlight", "UndoHotel" }, TestFlow.Log(instance));
        instance = RoundTrip(flow, instance);
        Assert.Equal(new[] { "UndoFlight" }, instance.WaitingAt);
        Assert.DoesNotContain("EndAll", instance.Trace);

        await instance.CompleteAsync("UndoFlight");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "BookHotel", "BookFlight", "UndoHotel" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Start", "BookHotel", "FlightOrNot", "BookFlight", "Merge", "Review", "Decide", "CompensateAll", "UndoFlight", "UndoHotel", "EndAll" }, instance.Trace);
    }

    [Fact]
    public async Task Only_activities_that_completed_are_compensated()
    {
        var instance = await BookingFlow.Value.StartAsync(("all", true), ("skipFlight", true));

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "BookHotel", "UndoHotel" }, TestFlow.Log(instance));
        Assert.DoesNotContain("UndoFlight", instance.Trace);
    }

    [Fact]
    public async Task A_throw_with_an_activity_ref_compensates_that_activity_only()
    {
        var instance = await BookingFlow.Value.StartAsync(("hotelOnly", true));

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "BookHotel", "BookFlight", "UndoHotel" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "CompensateHotel", "UndoHotel", "EndHotel" }, instance.Trace.TakeLast(3));
    }

    [Fact]
    public async Task Without_a_throw_nothing_is_compensated_and_nothing_is_left_recorded()
    {
        var instance = await BookingFlow.Value.StartAsync();
        Assert.Contains("\"Compensable\"", instance.ToJson(), StringComparison.Ordinal);

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "BookHotel", "BookFlight" }, TestFlow.Log(instance));
        Assert.DoesNotContain("\"Compensable\"", instance.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completed_sub_process_is_compensated_through_what_completed_inside_it_latest_first()
    {
        var flow = TestFlow.Build(Trip(withEventSubProcess: false), new[] { "BookHotel", "BookFlight", "UndoHotel", "UndoFlight" });
        var instance = RoundTrip(flow, await flow.StartAsync(("all", true)));

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "BookHotel", "BookFlight", "UndoFlight", "UndoHotel" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_compensation_event_sub_process_runs_when_its_sub_process_is_compensated_and_compensates_inside_it()
    {
        var flow = TestFlow.Build(Trip(withEventSubProcess: true), new[] { "BookHotel", "BookFlight", "UndoHotel", "UndoFlight", "NotifyUndo" });
        var instance = RoundTrip(flow, await flow.StartAsync(("all", true)));

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "BookHotel", "BookFlight", "NotifyUndo", "UndoFlight", "UndoHotel" }, TestFlow.Log(instance));
        Assert.Equal(
            new[] { "CompensateAll", "OnCompensate", "CompensateStart", "NotifyUndo", "CompensateInner", "UndoFlight", "UndoHotel", "CompensatedEnd", "EndAll" },
            instance.Trace.SkipWhile(n => n != "CompensateAll"));
    }

    [Fact]
    public async Task A_compensation_event_sub_process_does_not_run_while_its_sub_process_runs_or_when_nothing_is_compensated()
    {
        var flow = TestFlow.Build(Trip(withEventSubProcess: true), new[] { "BookHotel", "BookFlight", "UndoHotel", "UndoFlight", "NotifyUndo" });
        var instance = await flow.StartAsync();

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "BookHotel", "BookFlight" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_compensation_end_event_compensates_then_ends_and_with_nothing_completed_just_ends()
    {
        var flow = TestFlow.Build(MoreCompensationBpmn.CompensationEnd, new[] { "BookHotel", "UndoHotel" });

        var compensated = await flow.StartAsync();
        var early = await flow.StartAsync(("skipFlight", true));

        Assert.Equal(InstanceStatus.Completed, compensated.Status);
        Assert.Equal(new[] { "BookHotel", "UndoHotel" }, TestFlow.Log(compensated));
        Assert.Equal(new[] { "CompensateEnd", "UndoHotel" }, compensated.Trace.TakeLast(2));
        Assert.Equal(InstanceStatus.Completed, early.Status);
        Assert.Empty(TestFlow.Log(early));
    }

    [Fact]
    public async Task An_error_event_sub_process_compensates_what_the_process_completed_before_the_error()
    {
        var flow = TestFlow.Build(MoreCompensationBpmn.ErrorThenCompensate, new[] { "BookHotel", "BookFlight", "UndoHotel", "UndoFlight" }, ThrowingHandler("Pay"));

        var instance = await flow.StartAsync(("code", "DECLINED"));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "BookHotel", "BookFlight", "Pay", "UndoFlight", "UndoHotel" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "UndoAll", "UndoFlight", "UndoHotel", "Failed" }, instance.Trace.TakeLast(4));
    }
}
