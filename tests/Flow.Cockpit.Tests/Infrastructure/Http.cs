using System.Net;
using System.Text;
using System.Text.Json;

namespace Flow.Cockpit.Tests.Infrastructure;

public static class Http
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> JsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path).WaitAsync(Timeout);
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> PostAsync(this HttpClient client, string path, string? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var content = new StringContent(body ?? "", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content).WaitAsync(Timeout);
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 problem with the FLOW id; returns its detail.</summary>
    public static string AssertProblem(JsonElement problem, string flowId, int status)
    {
        Assert.Equal(flowId, problem.GetProperty("flowId").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal("docs/diagnostics.md#" + flowId.ToLowerInvariant(), problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem.GetProperty("detail").GetString()!;
    }
}
