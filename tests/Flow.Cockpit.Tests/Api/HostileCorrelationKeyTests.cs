using System.Net;
using Flow.Cockpit.Tests.Infrastructure;

namespace Flow.Cockpit.Tests.Api;

/// <summary>
/// A message whose name or correlation key no store can keep (over 1,024 UTF-8 bytes: FLOW6325; with
/// U+0000 or a lone surrogate: FLOW6326) is the caller's bad input, a 400 with the runtime's id, not
/// a 409 conflict with some instance's state.
/// </summary>
public sealed class HostileCorrelationKeyTests(CockpitFactory factory) : IClassFixture<CockpitFactory>
{
    private HttpClient Operator => factory.As("operator");

    [Theory]
    [InlineData("correlationKey", 2000, "FLOW6325")]
    [InlineData("messageName", 2000, "FLOW6325")]
    [InlineData("correlationKey", 0, "FLOW6326")]
    [InlineData("messageName", 0, "FLOW6326")]
    public async Task A_key_or_name_no_store_keeps_is_a_400_with_the_runtime_id(string field, int length, string flowId)
    {
        var text = length > 0 ? new string('k', length) : "bad\\u0000key";
        var body = field == "correlationKey"
            ? $$"""{"messageName":"payment received","correlationKey":"{{text}}"}"""
            : $$"""{"messageName":"{{text}}","correlationKey":"K-1"}""";

        Http.AssertProblem(await Operator.PostAsync("/flows/api/messages", body, HttpStatusCode.BadRequest), flowId, 400);
    }
}
