using System.Net;
using Flow.Cockpit.Tests.Infrastructure;

namespace Flow.Cockpit.Tests.Api;

/// <summary>
/// The diagram address serves deployed text as XML; a browser that opens it would run a script
/// element in the XHTML namespace the text carries, with the cockpit's origin (and so with the
/// viewer's rights on every endpoint). The response must forbid that.
/// </summary>
public sealed class DiagramSecurityTests : IAsyncLifetime
{
    private readonly CockpitFactory _factory = new();

    public Task InitializeAsync()
    {
        _ = _factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_diagram_with_a_script_element_is_served_sandboxed_without_scripts()
    {
        const string Script = "<html:script xmlns:html=\"http://www.w3.org/1999/xhtml\">fetch('api/deployments/order-review/undeploy',{method:'POST'})</html:script>";
        var version = await _factory.DeployEditedAsync(text => text.Replace(
            "<flow:variable name=\"customer\"", Script + "<flow:variable name=\"customer\"", StringComparison.Ordinal));
        Assert.Equal(2, version);

        using var response = await _factory.As("reader").GetAsync($"/flows/api/processes/order-review/diagram?version={version}").WaitAsync(Http.Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("html:script", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("sandbox", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
