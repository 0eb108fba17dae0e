using Flow.Bpmn;
using Builder = Flow.Bpmn.Bpmn;

namespace Flow.Runtime.Compilation.Tests;

/// <summary>A process built in code with Flow.Bpmn's fluent builder deploys as content and runs (issue 16: build, compile, deploy).</summary>
public class BuilderDeploymentTests
{
    [Fact]
    public async Task A_process_built_with_the_fluent_builder_deploys_as_content_and_runs_its_loop_until_approved()
    {
        var model = Builder.CreateProcess("review").Name("Review")
            .Variable("approved", "bool")
            .StartEvent("start")
            .UserTask("check").Name("Check order").Output("approved", "bool")
            .ExclusiveGateway("ok").Name("Approved?")
                .Condition("yes", "approved").EndEvent("done")
            .MoveToLastGateway()
                .Condition("no", "!approved").Connect("check")
            .Done();
        var host = new ContentHost();

        var deployed = await host.Deployer.DeployAsync("review", Builder.WriteModel(model)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, deployed.Version);
        Assert.Empty(host.Failed);
        var started = await host.Engine.StartAsync("review");
        Assert.Equal(["check"], started.WaitingAt);
        var again = await host.Engine.CompleteAsync(started.Id, "check", """{"approved":false}""");
        Assert.Equal(InstanceStatus.Waiting, again.Status);
        Assert.Equal(["check"], again.WaitingAt);
        var done = await host.Engine.CompleteAsync(started.Id, "check", """{"approved":true}""");
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(["start", "check", "ok", "check", "ok", "done"], done.Trace);
    }
}
