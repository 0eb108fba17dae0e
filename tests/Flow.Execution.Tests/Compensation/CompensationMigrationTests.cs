using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Compensation.CompensationBpmn;

namespace Flow.Execution.Tests.Compensation;

/// <summary>
/// Migrating an instance that can still compensate (issue 13): completed activities move by id or
/// mapping to nodes that can be compensated; a node that cannot be, or a compensation in progress,
/// is refused before anything changes.
/// </summary>
public class CompensationMigrationTests
{
    private static readonly Lazy<TestFlow> V1 = new(() => TestFlow.Build(Booking, new[] { "BookHotel", "BookFlight", "UndoHotel" }));

    [Fact]
    public async Task Completed_activities_move_by_mapping_and_are_compensated_on_the_new_version()
    {
        var waiting = await V1.Value.StartAsync(("hotelOnly", true));
        var v2 = TestFlow.Build(Booking.Replace("\"BookHotel\"", "\"ReserveHotel\"", StringComparison.Ordinal), new[] { "ReserveHotel", "BookFlight", "UndoHotel" });

        var moved = v2.NewProcess().ResumeFromJson(InstanceMigration.Map(waiting.ToJson(), v2.Process.Definition, new Dictionary<string, string> { ["BookHotel"] = "ReserveHotel" }));
        await moved.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, moved.Status);
        Assert.Equal(new[] { "BookHotel", "BookFlight", "UndoHotel" }, TestFlow.Log(moved));
    }

    [Fact]
    public async Task A_completed_activity_mapped_to_one_without_handler_is_refused_naming_it()
    {
        var waiting = await V1.Value.StartAsync(("all", true));

        var refused = Assert.Throws<InvalidOperationException>(() => InstanceMigration.Map(waiting.ToJson(), V1.Value.Process.Definition, new Dictionary<string, string> { ["BookHotel"] = "Review" }));

        Assert.StartsWith(CompensationErrors.MigrationLosesCompensation, refused.Message, StringComparison.Ordinal);
        Assert.Contains("'BookHotel'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_in_the_middle_of_compensating_is_refused()
    {
        var instance = await V1.Value.StartAsync(("all", true));
        await instance.CompleteAsync("Review");
        Assert.Equal(new[] { "UndoFlight" }, instance.WaitingAt);

        var refused = Assert.Throws<InvalidOperationException>(() => InstanceMigration.Map(instance.ToJson(), V1.Value.Process.Definition, null));

        Assert.StartsWith(CompensationErrors.MigrationWhileCompensating, refused.Message, StringComparison.Ordinal);
        Assert.Contains("'CompensateAll'", refused.Message, StringComparison.Ordinal);
    }
}
