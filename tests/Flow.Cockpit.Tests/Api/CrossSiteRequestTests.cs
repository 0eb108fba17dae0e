using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Flow.Cockpit.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Cockpit.Tests.Api;

/// <summary>
/// Requests another site's page can make the browser send with the operator's cookie and without a
/// CORS preflight (redteam6): no Content-Type (a bodiless fetch) or a form's (urlencoded, multipart,
/// text/plain). The docs said the JSON bodies protect the API, but nothing checked the media type: a
/// bodiless abort or undeploy, or a start whose text/plain body was JSON, ran. Now FLOW6328 (415).
/// </summary>
public sealed class CrossSiteRequestTests(CockpitFactory factory) : IClassFixture<CockpitFactory>
{
    private HttpClient Operator => factory.As("operator");

    private static async Task<string> RefusedAsync(HttpResponseMessage response)
    {
        var detail = Http.AssertProblem(await Http.ReadAsync(response, HttpStatusCode.UnsupportedMediaType), "FLOW6328", 415);
        Assert.EndsWith("Nothing was changed.", detail, StringComparison.Ordinal);
        return detail;
    }

    [Fact]
    public async Task A_bodiless_abort_or_undeploy_without_a_media_type_is_FLOW6328_and_changes_nothing()
    {
        var id = (await factory.StartOrdersAsync(1))[0];
        var live = factory.Engine.Registry.Latest["order-review"].Version;

        using var abort = await Operator.PostAsync($"/flows/api/instances/{id}/abort", null).WaitAsync(Http.Timeout);
        using var undeploy = await Operator.PostAsync("/flows/api/deployments/order-review/undeploy", null).WaitAsync(Http.Timeout);

        Assert.Contains("not with no Content-Type", await RefusedAsync(abort), StringComparison.Ordinal);
        await RefusedAsync(undeploy);
        Assert.Equal(["Task_Approve"], (await factory.Engine.GetAsync(id))!.WaitingAt);
        Assert.Equal(live, factory.Engine.Registry.Latest["order-review"].Version);
    }

    public static TheoryData<string> FormMediaTypes => new() { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "TEXT/PLAIN; charset=utf-8" };

    [Theory]
    [MemberData(nameof(FormMediaTypes))]
    public async Task A_command_with_a_media_type_a_form_can_send_is_FLOW6328_and_changes_nothing(string mediaType)
    {
        var id = (await factory.StartOrdersAsync(1))[0];
        var count = (await factory.Engine.QueryAsync(new InstanceQuery())).Count;

        foreach (var (path, body) in new[]
        {
            ("/flows/api/processes/order-review/instances", """{"customer":"Mallory","amount":1}"""),
            ($"/flows/api/instances/{id}/complete/Task_Approve", "{}"),
            ($"/flows/api/instances/{id}/abort", ""),
            ("/flows/api/messages", """{"messageName":"payment received"}"""),
        })
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
            using var response = await Operator.PostAsync(path, content).WaitAsync(Http.Timeout);
            Assert.Contains($"'{mediaType}'", await RefusedAsync(response), StringComparison.Ordinal);
        }

        Assert.Equal(["Task_Approve"], (await factory.Engine.GetAsync(id))!.WaitingAt);
        Assert.Equal(count, (await factory.Engine.QueryAsync(new InstanceQuery())).Count);
    }

    [Fact]
    public async Task JSON_with_a_charset_and_a_suffix_type_are_commands_as_before()
    {
        using var content = new StringContent("""{"customer":"Ann","amount":1}""", Encoding.UTF8, "application/json");
        Assert.Equal("application/json; charset=utf-8", content.Headers.ContentType!.ToString());
        using var started = await Operator.PostAsync("/flows/api/processes/order-review/instances", content).WaitAsync(Http.Timeout);
        var id = (await Http.ReadAsync(started, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        using var problemJson = new StringContent("", Encoding.UTF8);
        problemJson.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.api+json");
        using var aborted = await Operator.PostAsync($"/flows/api/instances/{id}/abort", problemJson).WaitAsync(Http.Timeout);

        Assert.Equal("Aborted", (await Http.ReadAsync(aborted, HttpStatusCode.OK)).GetProperty("status").GetString());
    }
}
