using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// An instance waiting at one node reports a read-only list of that node shared by every
/// instance waiting there: no caller can change what another instance reports.
/// </summary>
public class WaitingAtListTests
{
    [Fact]
    public async Task The_list_of_one_waiting_node_cannot_be_changed_through_a_cast_and_others_still_read_their_node()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));

        var first = await fx.Engine.StartAsync("order");
        Assert.Equal(new[] { "Review" }, first.WaitingAt);
        var asList = Assert.IsAssignableFrom<IList<string>>(first.WaitingAt);
        Assert.Throws<NotSupportedException>(() => asList[0] = "Elsewhere");
        Assert.Throws<NotSupportedException>(() => asList.Add("Elsewhere"));

        var second = await fx.Engine.StartAsync("order");
        Assert.Equal(new[] { "Review" }, second.WaitingAt);
        Assert.Equal(new[] { "Review" }, (await fx.Engine.GetAsync(first.Id))!.WaitingAt);
    }
}
