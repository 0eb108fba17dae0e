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

    /// <summary>A multi-instance, a transaction cancelled by a cancel end event and a compensation handler, all built with the builder, compiled at run time and run.</summary>
    [Fact]
    public async Task A_built_transaction_with_a_multi_instance_and_a_compensation_handler_deploys_as_content_and_runs_both_ways()
    {
        var model = Builder.CreateProcess("trip").Name("Trip")
            .Variable("cities", "string[]").Variable("log", "string").Variable("ok", "bool")
            .StartEvent("start")
            .Transaction("book").Name("Book trip").EmbeddedSubProcess()
                .StartEvent("bookStart")
                .ScriptTask("bookHotels").Name("Book hotels").Script("log += \"book:\" + city + \";\";")
                    .MultiInstance().Sequential().CamundaCollection("cities").CamundaElementVariable("city").MultiInstanceDone()
                .ScriptTask("pay").Name("Pay").Script("log += \"pay;\";")
                .UserTask("confirm").Name("Confirm").Output("ok", "bool")
                .ExclusiveGateway("confirmed")
                    .Condition("yes", "ok").EndEvent("booked")
                .MoveToLastGateway()
                    .Condition("no", "!ok").EndEvent("cancelTrip").Cancel()
                .MoveToActivity("pay").BoundaryEvent("paid").Compensation()
                    .CompensationStart().ScriptTask("refund").Name("Refund").Script("log += \"refund;\";").CompensationDone()
                .SubProcessDone()
            .EndEvent("done")
            .MoveToActivity("book").BoundaryEvent("cancelled").Cancel()
                .ScriptTask("apologise").Name("Apologise").Script("log += \"sorry;\";").EndEvent("cancelledEnd")
            .Done();
        var host = new ContentHost();

        var deployed = await host.Deployer.DeployAsync("trip", Builder.WriteModel(model)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, deployed.Version);
        Assert.Empty(host.Failed);

        var cancelled = await host.Engine.StartAsync("trip", """{"cities":["Oslo","Rome"]}""").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["confirm"], cancelled.WaitingAt);
        var afterCancel = await host.Engine.CompleteAsync(cancelled.Id, "confirm", """{"ok":false}""").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(InstanceStatus.Completed, afterCancel.Status);
        Assert.Equal("book:Oslo;book:Rome;pay;refund;sorry;", System.Text.Json.Nodes.JsonNode.Parse(afterCancel.DataJson)!["log"]!.GetValue<string>());
        Assert.Equal(["cancelTrip", "refund", "cancelled", "apologise", "cancelledEnd"], afterCancel.Trace.SkipWhile(n => n != "cancelTrip"));

        var booked = await host.Engine.StartAsync("trip", """{"cities":["Oslo"]}""").WaitAsync(TimeSpan.FromSeconds(30));
        var afterBooking = await host.Engine.CompleteAsync(booked.Id, "confirm", """{"ok":true}""").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(InstanceStatus.Completed, afterBooking.Status);
        Assert.Equal("book:Oslo;pay;", System.Text.Json.Nodes.JsonNode.Parse(afterBooking.DataJson)!["log"]!.GetValue<string>());
        Assert.DoesNotContain("refund", afterBooking.Trace);
        Assert.Equal("done", afterBooking.Trace[^1]);
    }
}
