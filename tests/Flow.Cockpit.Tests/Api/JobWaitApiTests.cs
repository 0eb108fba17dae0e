using Flow.Cockpit.Tests.Infrastructure;
using Shop.Web;

namespace Flow.Cockpit.Tests.Api;

/// <summary>
/// An instance that waits only on a job (an async continuation that failed and is retried later)
/// shows the job in the instance and in the list: where, which attempt of how many, when, and the
/// last error, so an operator sees where it stands and why.
/// </summary>
public sealed class JobWaitApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly CockpitFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>
    /// Task_Check, between approval and shipping, runs after a job boundary and throws "carrier down";
    /// its job is retried an hour later (3 attempts).
    /// </summary>
    public static string WithFailingJob(string text) => text.Replace(
        """<bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Approve" targetRef="Task_Ship" />""",
        """
        <bpmn:scriptTask id="Task_Check" name="Check carrier" scriptFormat="csharp" camunda:asyncBefore="true" xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
          <bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R3/PT1H</camunda:failedJobRetryTimeCycle></bpmn:extensionElements>
          <bpmn:script>if (amount &gt; 0) { throw new System.InvalidOperationException("carrier down"); }</bpmn:script>
        </bpmn:scriptTask>
        <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Approve" targetRef="Task_Check" />
        <bpmn:sequenceFlow id="Flow_2b" sourceRef="Task_Check" targetRef="Task_Ship" />
        """,
        StringComparison.Ordinal);

    /// <summary>Starts an order on the edited version, approves it, and waits until its job's first attempt failed.</summary>
    public static async Task<string> StartFailingOrderAsync(CockpitFactory factory)
    {
        await factory.DeployEditedAsync(WithFailingJob);
        var id = (await factory.Engine.StartAsync(OrderReview.Key, """{"customer":"Ann","amount":100}""")).Id;
        await factory.Engine.CompleteAsync(id, "Task_Approve", """{"approved":true}""");
        using var timeout = new CancellationTokenSource(Timeout);
        while ((await factory.Engine.GetAsync(id, timeout.Token))!.Jobs is not [{ Attempts: 1 }])
        {
            await Task.Delay(50, timeout.Token);
        }

        return id;
    }

    [Fact]
    public async Task The_instance_and_the_list_show_the_job_its_attempt_due_time_and_last_error()
    {
        var id = await StartFailingOrderAsync(_factory);
        var reader = _factory.As("reader");

        var shown = await reader.JsonAsync($"/flows/api/instances/{id}");
        Assert.Empty(shown.GetProperty("waitingAt").EnumerateArray());
        var job = Assert.Single(shown.GetProperty("jobs").EnumerateArray());
        Assert.Equal("async-continuation", job.GetProperty("kind").GetString());
        Assert.Equal("Task_Check", job.GetProperty("nodeId").GetString());
        Assert.Equal(2, job.GetProperty("attempt").GetInt32());
        Assert.Equal(3, job.GetProperty("maxAttempts").GetInt32());
        Assert.True(job.GetProperty("dueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(30), "retried an hour later");
        Assert.Contains("carrier down", job.GetProperty("lastError").GetString(), StringComparison.Ordinal);

        var list = await reader.JsonAsync("/flows/api/instances?key=order-review&status=Waiting&pageSize=200");
        var row = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
        Assert.Equal("Task_Check", Assert.Single(row.GetProperty("jobs").EnumerateArray()).GetProperty("nodeId").GetString());
    }
}
